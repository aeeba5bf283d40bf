import { fileURLToPath } from 'node:url';

/**
 * The runtime package's folder (apps/runtime). This file sits directly in `src/` and the built
 * bundles directly in `dist/`, so one level up is the package from both; files the runtime reads
 * at run time (migrations, templates, the built editor) are found from here rather than from the
 * location of the module that reads them, which a bundle does not keep.
 */
export const RUNTIME_DIR = fileURLToPath(new URL('..', import.meta.url));
