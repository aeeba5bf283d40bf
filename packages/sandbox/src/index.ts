/**
 * Simulators of the PayTrace gateway and a Shopify store, written from the public API facts and
 * sharing no code with the connectors in `packages/nodes`. They arrive with the PayTrace and
 * Shopify connector work; this package exists now so the workspace layout is settled.
 */
export {};
