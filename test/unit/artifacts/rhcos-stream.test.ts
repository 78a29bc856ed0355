import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { fixturePath } from '../../support/fixtures';
import { parseStream, StreamParseError, STREAM_ARCHES, fileNameFromUrl, safeFileName } from '../../../shared/artifacts/rhcos-stream';
import { ParseError } from '../../../shared/parse/parse-problem';

const text = readFileSync(fixturePath('rhcos', 'rhcos-stream.json'), 'utf8');
const raw = JSON.parse(text) as { stream: string; architectures: Record<string, { artifacts: { metal: { release: string; formats: { iso: { disk: { location: string; sha256: string } } } } } }> };

describe('RHCOS stream metadata parser (reference rhcos-stream.json)', () => {
  const parsed = parseStream(text);

  it('reads the stream name and release', () => {
    expect(parsed.stream).toBe(raw.stream);
    expect(parsed.release).toBe(raw.architectures.x86_64!.artifacts.metal.release);
  });

  it.each(STREAM_ARCHES)('finds the live ISO location and sha256 for %s', (arch) => {
    const disk = raw.architectures[arch]!.artifacts.metal.formats.iso.disk;
    expect(parsed.arches[arch]).toEqual({ release: raw.architectures[arch]!.artifacts.metal.release, iso: { location: disk.location, sha256: disk.sha256 } });
    expect(parsed.arches[arch]!.iso.location).toContain(`.${arch}.iso`);
  });

  it('accepts an already parsed document (the ConfigMap value parsed elsewhere)', () => {
    expect(parseStream(JSON.parse(text)).arches.aarch64?.iso.sha256).toBe(parsed.arches.aarch64?.iso.sha256);
  });

  const broken = (mutate: (d: typeof raw) => void) => {
    const d = JSON.parse(text) as typeof raw;
    mutate(d);
    return JSON.stringify(d);
  };

  it.each([
    ['an array', '[]', /not a JSON object/],
    ['no stream name', broken((d) => ((d as { stream?: string }).stream = undefined)), /stream/],
    ['no architectures', '{"stream":"rhcos-4.21"}', /architectures/],
    ['sha256 not hex', broken((d) => (d.architectures.x86_64!.artifacts.metal.formats.iso.disk.sha256 = 'abc')), /x86_64.*sha256/],
    ['location not http(s)', broken((d) => (d.architectures.s390x!.artifacts.metal.formats.iso.disk.location = 'file:///etc/passwd')), /s390x.*http/],
    ['missing location', broken((d) => delete (d.architectures.ppc64le!.artifacts.metal.formats.iso.disk as { location?: string }).location), /ppc64le/],
    ['no ISO anywhere', '{"stream":"x","architectures":{"x86_64":{"artifacts":{"aws":{}}}}}', /no architecture has a live ISO/],
  ])('rejects %s with a plain reason', (_name, input, reason) => {
    expect(() => parseStream(input)).toThrow(StreamParseError);
    expect(() => parseStream(input)).toThrow(reason);
  });

  it('tells text that is not JSON by file, line, column and kind, never quoting it', () => {
    const attempt = () => parseStream('{"stream": "rhcos",\n "architectures": token-abcdef123456 }', 'file:///media/usb/stream.json');
    expect(attempt).toThrow(ParseError);
    expect(attempt).toThrow(
      expect.objectContaining({ code: 'common.parseFailed', params: { file: 'file:///media/usb/stream.json', format: 'JSON', kind: 'unexpectedCharacter', line: 2, column: 20 } }),
    );
    expect(attempt).not.toThrow(/token-abcdef/);
  });

  it('derives safe cache file names from URLs', () => {
    expect(fileNameFromUrl(parsed.arches.x86_64!.iso.location)).toBe(`rhcos-${parsed.release}-live-iso.x86_64.iso`);
    expect(fileNameFromUrl('https://h/a/..%2F..%2Fetc%2Fpasswd')).not.toContain('/');
    expect(safeFileName('../x')).toBe('__x');
    expect(safeFileName('.hidden')).not.toMatch(/^\./);
  });
});
