export * from "./enums";
export * from "./identity";
export * from "./organization";
export * from "./ledger";
export * from "./audit";
export * from "./rate-limits";
export * from "./claims";
export * from "./payments";
