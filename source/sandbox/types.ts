// The sandbox's own copies of the platform's enums: it imports nothing from the client, so that it stays a double
// of the platform rather than of our code.
export type TenantKind = 'root' | 'partner' | 'folder' | 'customer' | 'unit';
export type PricingMode = 'trial' | 'production' | 'suspended';
