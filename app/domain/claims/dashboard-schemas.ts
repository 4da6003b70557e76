// What the claims SLA dashboard shows (claims-dashboard.server.ts computes it): periods, age buckets
// and the figures per group. Pure: the page imports it.
export const DASHBOARD_PERIODS = ["90", "180", "365", "730"] as const;
export type DashboardPeriod = (typeof DASHBOARD_PERIODS)[number];
export const DASHBOARD_TIME_ZONE = "America/Mexico_City";

export const AGE_BUCKETS = ["d0_2", "d3_7", "d8_15", "d16_30", "d31"] as const;
export type AgeBucket = (typeof AGE_BUCKETS)[number];

export interface SlaFigures {
  key: string;
  claims: number;
  firstResponseMedian: number | null;
  firstResponseP90: number | null;
  resolutionMedian: number | null;
  resolutionP90: number | null;
  /** 0…1 */
  breachedShare: number;
}

export interface ClaimsDashboard {
  byLevel: SlaFigures[];
  byType: SlaFigures[];
  byCollector: (SlaFigures & { collectorName: string | null })[];
  byMonth: SlaFigures[];
  openByAge: { bucket: AgeBucket; claims: number }[];
}
