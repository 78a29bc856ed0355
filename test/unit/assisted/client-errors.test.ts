import { describe, expect, it } from 'vitest';
import { apiError, parseErrorBody } from '../../../electron/services/assisted/errors';
import { camelKeys, snakeKeys } from '../../../electron/services/assisted/keys';

describe('Assisted error bodies', () => {
  it('reads both shapes into one typed error', () => {
    const a = apiError(409, '{"kind":"Error","id":409,"code":"409","href":"","reason":"cannot install host in state insufficient"}', 'host-install');
    expect(a).toMatchObject({ code: 'assisted.conflict', status: 409, reason: 'cannot install host in state insufficient' });
    expect(a.localized('zh-CN')).toContain('cannot install host in state insufficient');
    const b = apiError(400, '{"code":400,"message":"name in body is required"}', 'clusters-import');
    expect(b).toMatchObject({ code: 'assisted.badRequest', reason: 'name in body is required' });
    expect(apiError(404, '{"kind":"Error","id":404,"code":"404","href":"","reason":"Object Not Found"}', 'cluster-get').code).toBe('assisted.notVisible');
    expect(apiError(503, '<html>gateway</html>', 'hosts-list')).toMatchObject({ code: 'assisted.serverError', reason: 'HTTP 503' });
    expect(apiError(429, '', 'events').code).toBe('assisted.rateLimited');
  });

  it('never lets a token into the reason', () => {
    const jwt = 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJlc2lnbmF0dXJl';
    expect(parseErrorBody(400, JSON.stringify({ code: 400, message: `bad token ${jwt}` }))).not.toContain(jwt);
  });
});

describe('key conversion at the HTTP boundary', () => {
  it('converts snake_case to the camelCase types and back, leaving JSON-string fields and opaque maps alone', () => {
    const wire = {
      api_vip_dnsname: 'api.a.b',
      static_network_config: [{ mac_interface_map: [{ mac_address: 'm', logical_nic_name: 'eno1' }] }],
      inventory: '{"mac_address":"x"}',
      versions: { 'assisted-installer': 'img' },
    };
    const camel = camelKeys<Record<string, unknown>>(wire);
    expect(camel).toEqual({
      apiVipDnsname: 'api.a.b',
      staticNetworkConfig: [{ macInterfaceMap: [{ macAddress: 'm', logicalNicName: 'eno1' }] }],
      inventory: '{"mac_address":"x"}',
      versions: { 'assisted-installer': 'img' },
    });
    expect(snakeKeys(camel)).toEqual(wire);
  });
});
