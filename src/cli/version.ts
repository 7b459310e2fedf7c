/** wild's own version: set by the build (WILD_VERSION), read by `wild --version` and app.info. */
export const WILD_VERSION = process.env.WILD_VERSION ?? '0.1.0'
