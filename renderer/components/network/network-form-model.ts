import type { NetworkModel } from '../../../shared/network/model';
import type { Issue } from '../../../shared/network/issue';
import { emptyForm, formToModel, modelToForm, type SimpleNetworkForm } from '../../../shared/network/simple-form';

/** The network form's value, and where each of its fields sits in the network model (no React here). */
export interface NetworkFormValue {
  form: SimpleNetworkForm;
  /** A pasted nmstate document, with what the parser could not carry */
  imported?: { model: NetworkModel; label: string; issues: Issue[] };
}

export const networkFormValue = (saved: NetworkModel | undefined): NetworkFormValue => {
  const form = saved ? modelToForm(saved) : undefined;
  return { form: form ?? emptyForm(), ...(saved && !form ? { imported: { model: saved, label: 'nmstate', issues: [] } } : {}) };
};

export const modelOf = (v: NetworkFormValue): NetworkModel => (v.imported ? v.imported.model : formToModel(v.form));

/** Paths of the simple form's fields in the model (for placing issues next to the field). */
export function formPaths(form: SimpleNetworkForm): Record<string, string> {
  const carrier = form.vlanId.trim() ? 1 : 0;
  return {
    iface: 'interfaces.0.name',
    mac: 'interfaces.0.macAddress',
    mtu: `interfaces.${carrier}.mtu`,
    address: `interfaces.${carrier}.ipv4.addresses`,
    gateway: `interfaces.${carrier}.ipv4.gateway`,
    address6: `interfaces.${carrier}.ipv6.addresses`,
    gateway6: `interfaces.${carrier}.ipv6.gateway`,
    vlanId: 'interfaces.1.vlan',
    dns: 'dns.servers',
    search: 'dns.search',
  };
}

/** Whether an issue shows under one of the visible fields (the caller lists the others). */
export function isInlineIssue(v: NetworkFormValue, i: Issue): boolean {
  if (v.imported) return false;
  return Object.values(formPaths(v.form)).some((p) => i.path === p || Boolean(i.path?.startsWith(`${p}.`)));
}
