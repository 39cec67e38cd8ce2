// The composition root: every service is built here, once, with its dependencies, and reached as
// ctx.services by routes, CLI commands, workers and demo seeders. Services never build other services;
// they receive them here. (A test fails on `new …Service(` in production code anywhere else.)
import type { AppContext } from './context.js';
import type { Config } from './config.js';
import type { Db } from './db/types.js';
import { IdentityService } from './identity/service.js';
import { MatchService } from './matchservice/matcher.js';
import { BlocklistService } from './blocklist/service.js';
import { CaseService } from './cases/service.js';
import { CommentService } from './collab/comments.js';
import { ConsultationService } from './collab/consultations.js';
import { InboxService } from './collab/inbox.js';
import { FirearmService } from './firearms/service.js';
import { TraceService } from './firearms/traces.js';
import { BankService } from './interchange/bank-service.js';
import { HashListService } from './interchange/hashlist-service.js';
import { HmaService } from './interchange/hma.js';
import { VicsService } from './interchange/vics-service.js';
import { BankPdqIndex } from './interchange/banks.js';
import { PixelBudget } from './imaging/pixel-budget.js';
import { ItemHashPool, videoLimits } from './seizures/hasher.js';
import { MediaInfoService } from './mediainfo/service.js';
import { NoticeService } from './notices/service.js';
import { PaymentService } from './payments/service.js';
import { ReferralService } from './referrals/service.js';
import { RetentionService } from './retention/service.js';
import type { NearSource } from './search/pdq-near.js';
import { SearchService } from './search/service.js';
import { SeizureService } from './seizures/service.js';
import { TriageService } from './seizures/triage.js';
import { PlaceService } from './places/service.js';
import { IngestService } from './seizures/upload.js';
import { CategorisationService } from './series/categorisation.js';
import { EntityService } from './series/entities.js';
import { SeriesService } from './series/service.js';
import { StatsService } from './stats/service.js';

/** The services the context itself holds (sign-in for the HTTP layer, the live index for the workers). */
export function buildCoreServices(db: Db, config: Config) {
  return {
    identity: new IdentityService(db, config),
    matcher: new MatchService(db, { dataDir: config.dataDir, robustWorkerFromCodes: config.robustWorkerFromCodes }),
  };
}

/** `shared.hashPool`: a pool the caller owns and closes (test systems share one per process); else the context's own. */
export function buildServices(ctx: AppContext, shared: { hashPool?: ItemHashPool } = {}) {
  const { db } = ctx;
  const cases = new CaseService(db);
  const seizures = new SeizureService(db, cases);
  // The live index answers PDQ searches when it can; otherwise the SQL chunk-index path does.
  const near = typeof (ctx.matcher as Partial<NearSource>).near === 'function' ? (ctx.matcher as unknown as NearSource) : undefined;
  const hashPool = shared.hashPool ?? new ItemHashPool(ctx.config.hashWorkers, videoLimits(ctx.config));
  if (!shared.hashPool) ctx.onClose.push(() => hashPool.close());
  ctx.onClose.push(() => ctx.matcher.close());
  return {
    identity: ctx.identity,
    matcher: ctx.matcher,
    cases,
    seizures,
    ingest: new IngestService(ctx, seizures),
    triage: new TriageService(db, seizures),
    places: new PlaceService(ctx),
    series: new SeriesService(db),
    categorisation: new CategorisationService(db),
    entities: new EntityService(db),
    comments: new CommentService(db),
    consultations: new ConsultationService(db),
    inbox: new InboxService(db),
    mediaInfo: new MediaInfoService(db),
    search: new SearchService(db, near),
    stats: new StatsService(db),
    retention: new RetentionService(db),
    notices: new NoticeService(db),
    firearms: new FirearmService(db),
    traces: new TraceService(db),
    payments: new PaymentService(db),
    blocklist: new BlocklistService(db),
    referrals: new ReferralService(ctx),
    vics: new VicsService(db, cases),
    hashLists: new HashListService(db),
    banks: new BankService(db),
    hma: new HmaService(ctx),
    /** Worker threads that hash and thumbnail ingest items. */
    hashPool,
    /** Bounds the pixels being decoded at once across the pool. */
    pixelBudget: new PixelBudget(ctx.config.decodePixelBudget),
    /** The in-memory PDQ index of hash-bank entries. */
    bankIndex: new BankPdqIndex(),
  };
}

export type Services = ReturnType<typeof buildServices>;
