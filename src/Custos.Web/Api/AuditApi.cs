using System.Globalization;
using Custos.Platform.Audit;
using Custos.Platform.Authorization;
using Custos.Platform.Security;
using Custos.Web.Exports;
using Custos.Web.Hosting;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Custos.Web.Api;

/// <summary>
/// The audit ledger (45 CFR 164.312(b)): checkpoints and RFC 9162 proofs anyone with audit.read can check offline,
/// search, status, and the on-demand actions (checkpoint, verification) and exports.
/// </summary>
internal static class AuditApi
{
    public const int MaxExportRows = 100_000;

    public static void MapAuditApi(this RouteGroupBuilder v1)
    {
        var audit = v1.MapGroup("/audit").WithTags("Audit ledger");
        audit.MapGet("/checkpoints/latest", LatestCheckpointAsync).RequirePermission(Permissions.AuditRead)
            .WithSummary("The latest signed checkpoint: origin, tree size, root hash, time, key id, DER signature and the signed note.");
        audit.MapGet("/checkpoints", CheckpointsAsync).RequirePermission(Permissions.AuditRead)
            .WithSummary("Signed checkpoints, newest first.");
        audit.MapPost("/checkpoints", CreateCheckpointAsync).RequirePermission(Permissions.AuditManage)
            .WithSummary("Integrates waiting entries and signs a checkpoint of the whole tree now.");
        audit.MapGet("/public-key", PublicKey).RequirePermission(Permissions.AuditRead)
            .WithSummary("The checkpoint signing public key (PEM, ECDSA P-256).");
        audit.MapGet("/entries", SearchAsync).RequirePermission(Permissions.AuditRead)
            .WithSummary("Entries newest first, filtered by actor, resource, action, outcome and time; page with before=nextBefore.");
        audit.MapGet("/entries/{seq:long}", GetEntryAsync).RequirePermission(Permissions.AuditRead)
            .WithSummary("One entry by sequence number.");
        audit.MapGet("/entries/{seq:long}/proof", InclusionProofAsync).RequirePermission(Permissions.AuditRead)
            .WithSummary("RFC 9162 inclusion proof of an entry in the tree of treeSize entries (the latest checkpoint's by default).");
        audit.MapGet("/consistency", ConsistencyProofAsync).RequirePermission(Permissions.AuditRead)
            .WithSummary("RFC 9162 consistency proof between the trees of first and second entries.");
        audit.MapGet("/archives", ArchivesAsync).RequirePermission(Permissions.AuditRead)
            .WithSummary("Archived segments (custos audit archive), newest first: entry range, root signed at its end, manifest SHA-256, when and by whom.");
        audit.MapGet("/status", StatusAsync).RequirePermission(Permissions.AuditRead)
            .WithSummary("Entries appended and integrated, the latest checkpoint and the witness.");
        audit.MapPost("/verifications", VerifyAsync).RequirePermission(Permissions.AuditManage)
            .WithSummary("Verifies the whole ledger now against its checkpoints and the witness; the result is kept in the history.");
        audit.MapGet("/verifications", VerificationHistoryAsync).RequirePermission(Permissions.AuditRead)
            .WithSummary("Verification runs, newest first.");
        audit.MapGet("/alerts", AlertsAsync).RequirePermission(Permissions.AuditRead)
            .WithSummary("Alerts raised over the ledger (break-glass, failed sign-ins, outside hours, bulk reads and exports, verification failures); open=true for unacknowledged ones.");
        audit.MapPost("/alerts/{id:long}/acknowledge", AcknowledgeAsync).RequirePermission(Permissions.AuditManage)
            .WithSummary("Acknowledges an alert; the acknowledgement is itself recorded.");
        audit.MapGet("/export", ExportAsync).RequirePermission(Permissions.AuditExport).RequireStepUp()
            .WithSummary("Matching entries as CSV or JSON for auditors (format=csv|json); the export is itself recorded.");
    }

    private static async Task<Results<Ok<CheckpointView>, ProblemHttpResult>> LatestCheckpointAsync(AuditLedgerReader reader, CancellationToken cancellationToken) =>
        await reader.LatestCheckpointAsync(cancellationToken) is { } checkpoint
            ? TypedResults.Ok(checkpoint)
            : TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "No checkpoint yet", detail: "The ledger has no signed checkpoint yet; one is signed within seconds of the first entry, or send POST /api/v1/audit/checkpoints.");

    private static async Task<Ok<IReadOnlyList<CheckpointView>>> CheckpointsAsync(int? limit, AuditLedgerReader reader, CancellationToken cancellationToken) =>
        TypedResults.Ok(await reader.CheckpointsAsync(limit ?? 50, cancellationToken));

    private static async Task<Results<Ok<CheckpointView>, ProblemHttpResult>> CreateCheckpointAsync(AuditSequencer sequencer, AuditLedgerReader reader, CancellationToken cancellationToken)
    {
        await sequencer.IntegrateAllAsync(cancellationToken);
        return await LatestCheckpointAsync(reader, cancellationToken);
    }

    private static async Task<Ok<IReadOnlyList<ArchiveRecordView>>> ArchivesAsync(AuditLedgerArchiver archiver, CancellationToken cancellationToken) =>
        TypedResults.Ok(await archiver.ListAsync(cancellationToken));

    private static ContentHttpResult PublicKey(CheckpointSigningKey key) => TypedResults.Text(key.PublicKeyPem, "application/x-pem-file");

    private static async Task<Ok<AuditPage>> SearchAsync(
        string? actor, string? resourceType, string? resourceId, string? action, AuditOutcome? outcome, DateTimeOffset? from, DateTimeOffset? to, long? before, int? limit,
        AuditLedgerReader reader, CancellationToken cancellationToken) =>
        TypedResults.Ok(await reader.SearchAsync(new AuditSearch(actor, resourceType, resourceId, action, outcome, from, to, before, limit ?? 50), cancellationToken));

    private static async Task<Ok<AuditEntryView>> GetEntryAsync(long seq, AuditLedgerReader reader, CancellationToken cancellationToken) =>
        TypedResults.Ok(await reader.GetEntryAsync(seq, cancellationToken));

    private static async Task<Ok<InclusionProofView>> InclusionProofAsync(long seq, long? treeSize, AuditLedgerReader reader, CancellationToken cancellationToken) =>
        TypedResults.Ok(await reader.InclusionProofAsync(seq, treeSize, cancellationToken));

    private static async Task<Ok<ConsistencyProofView>> ConsistencyProofAsync(long first, long second, AuditLedgerReader reader, CancellationToken cancellationToken) =>
        TypedResults.Ok(await reader.ConsistencyProofAsync(first, second, cancellationToken));

    private static async Task<Ok<LedgerStatus>> StatusAsync(AuditLedgerReader reader, CancellationToken cancellationToken) =>
        TypedResults.Ok(await reader.StatusAsync(cancellationToken));

    private static async Task<Ok<VerificationReport>> VerifyAsync(AuditLedgerMaintenance maintenance, CancellationToken cancellationToken) =>
        TypedResults.Ok(await maintenance.VerifyAsync(AuditLedgerMaintenance.TriggerOnDemand, null, cancellationToken));

    private static async Task<Ok<IReadOnlyList<VerificationRunView>>> VerificationHistoryAsync(int? limit, AuditLedgerMaintenance maintenance, CancellationToken cancellationToken) =>
        TypedResults.Ok(await maintenance.VerificationHistoryAsync(limit ?? 20, cancellationToken));

    private static async Task<Ok<IReadOnlyList<AuditAlertView>>> AlertsAsync(bool? open, int? limit, AuditAlertInbox inbox, CancellationToken cancellationToken) =>
        TypedResults.Ok(await inbox.ListAsync(open ?? false, limit ?? 50, cancellationToken));

    private static async Task<NoContent> AcknowledgeAsync(long id, AuditAlertInbox inbox, Custos.Platform.Identity.ICurrentActor actor, CancellationToken cancellationToken)
    {
        await inbox.AcknowledgeAsync(id, actor.Actor, cancellationToken);
        return TypedResults.NoContent();
    }

    private static async Task<IResult> ExportAsync(
        string? format, string? actor, string? resourceType, string? resourceId, string? action, AuditOutcome? outcome, DateTimeOffset? from, DateTimeOffset? to,
        AuditLedgerReader reader, AuditLedgerMaintenance maintenance, CancellationToken cancellationToken)
    {
        var kind = (format ?? "csv").Trim().ToLowerInvariant();
        if (kind is not ("csv" or "json"))
        {
            throw new Custos.Platform.Validation.InvalidRequestException(nameof(format), $"Export as 'csv' or 'json' (not '{format}').");
        }

        var entries = await reader.SearchAllAsync(new AuditSearch(actor, resourceType, resourceId, action, outcome, from, to), MaxExportRows, cancellationToken);
        await maintenance.RecordEntriesExportAsync(kind, entries.Count, cancellationToken);
        if (kind == "json")
        {
            return TypedResults.Json(entries);
        }

        var (content, contentType, fileName) = RegisterExport.Write(ToRegister(entries), RegisterFormat.Csv, "audit-ledger");
        return TypedResults.File(content, contentType, fileName);
    }

    internal static Register ToRegister(IReadOnlyList<AuditEntryView> entries) => new(
        "Audit ledger",
        ["Sequence", "Time (UTC)", "Action", "Outcome", "Actor kind", "Actor id", "Actor", "Resource type", "Resource id", "Reason", "Client address", "User agent", "Node", "Correlation id"],
        entries.Select(e => (IReadOnlyList<object?>)
        [
            e.Sequence, e.RecordedAt.ToString(AuditEntryContent.TimeFormat, CultureInfo.InvariantCulture), e.Action, e.Outcome.ToString(), e.ActorKind.ToString(), e.ActorId, e.ActorName,
            e.ResourceType, e.ResourceId, e.Reason, e.ClientAddress, e.UserAgent, e.Node, e.CorrelationId,
        ]).ToList());
}
