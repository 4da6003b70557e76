/** Aging buckets by days past due, as the collectors' reports use them. Shared by server and browser. */
export const AGING_BUCKETS = ["current", "d1_30", "d31_60", "d61_90", "d91_180", "d180_plus"] as const;
export type AgingBucket = (typeof AGING_BUCKETS)[number];
