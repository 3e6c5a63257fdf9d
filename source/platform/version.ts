import packageJson from '../../package.json' with {type: 'json'};

/** The tool's version, as package.json says (inlined by the bundler). */
export const toolVersion: string = packageJson.version;
export const userAgent = `tenant-mode/${toolVersion}`;
