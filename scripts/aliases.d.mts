export declare const ALIAS_DIRS: Record<string, string>
export declare function aliases(): Record<string, string>
