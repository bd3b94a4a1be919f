/**
 * SAML 2.0 metadata as identity providers publish it, around certificates made in x509.ts.
 *
 * - Microsoft Entra ID's federation metadata is in the default metadata namespace, signed (its
 *   ds:Signature carries a certificate of its own, which is no KeyDescriptor), and lists each
 *   signing certificate twice: under the WS-Federation RoleDescriptor and the IDPSSODescriptor
 *   (learn.microsoft.com/entra/identity-platform/federation-metadata).
 * - Okta's app metadata (`/app/{appId}/sso/saml/metadata`) uses the `md:` prefix and one
 *   `<md:KeyDescriptor use="signing">` per certificate (help.okta.com, "Manage signing
 *   certificates").
 * - `use` is optional: without it the key serves signing and encryption (OASIS
 *   saml-metadata-2.0-os §2.4.1.1).
 */
const MD = 'urn:oasis:names:tc:SAML:2.0:metadata';
const DS = 'http://www.w3.org/2000/09/xmldsig#';

export interface PublishedCert {
  base64: string;
  /** "signing", "encryption", or null for no `use` attribute. */
  use?: 'signing' | 'encryption' | null;
}

const useAttr = (c: PublishedCert) => (c.use === null ? '' : ` use="${c.use ?? 'signing'}"`);

const keyDescriptor = (c: PublishedCert, prefix: string) =>
  `<${prefix}KeyDescriptor${useAttr(c)}><KeyInfo xmlns="${DS}"><X509Data><X509Certificate>${c.base64}</X509Certificate></X509Data></KeyInfo></${prefix}KeyDescriptor>`;

export function entraMetadata(tenant: string, certs: PublishedCert[], signedBy: string): string {
  const keys = certs.map((c) => keyDescriptor(c, '')).join('');
  return (
    `<?xml version="1.0" encoding="utf-8"?>` +
    `<EntityDescriptor ID="_a1b2" entityID="https://sts.windows.net/${tenant}/" xmlns="${MD}">` +
    `<Signature xmlns="${DS}"><SignedInfo/><SignatureValue>AAAA</SignatureValue><KeyInfo><X509Data><X509Certificate>${signedBy}</X509Certificate></X509Data></KeyInfo></Signature>` +
    `<RoleDescriptor xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:fed="http://docs.oasis-open.org/wsfed/federation/200706" xsi:type="fed:SecurityTokenServiceType" protocolSupportEnumeration="http://docs.oasis-open.org/wsfed/federation/200706">${keys}</RoleDescriptor>` +
    `<IDPSSODescriptor protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol">${keys}` +
    `<SingleSignOnService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect" Location="https://login.microsoftonline.com/${tenant}/saml2"/>` +
    `</IDPSSODescriptor></EntityDescriptor>`
  );
}

export function oktaMetadata(org: string, appId: string, certs: PublishedCert[]): string {
  const keys = certs.map((c) => keyDescriptor(c, 'md:')).join('');
  return (
    `<?xml version="1.0" encoding="UTF-8"?>` +
    `<md:EntityDescriptor xmlns:md="${MD}" entityID="http://www.okta.com/${appId}">` +
    `<md:IDPSSODescriptor WantAuthnRequestsSigned="false" protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol">${keys}` +
    `<md:SingleSignOnService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST" Location="https://${org}.okta.com/app/${appId}/sso/saml"/>` +
    `</md:IDPSSODescriptor></md:EntityDescriptor>`
  );
}
