using System.Globalization;
using System.IO.Compression;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using Custos.Modules.Evidence.Contracts;
using Custos.Modules.Safeguards.Contracts;
using Rule = Custos.Modules.Safeguards.RequirementIsMetOnlyWhenImplementedAndBackedByCurrentApprovedEvidence;

namespace Custos.Modules.Safeguards;

/// <summary>What was written: how many files, and the SHA-256 of the manifest that lists every other file's hash.</summary>
public sealed record AuditPacketResult(DateOnly AsOf, int Files, int Requirements, int EvidenceFiles, string ManifestSha256);

/// <summary>
/// The auditor packet (DESIGN journey 4): a zip with the requirement register as of a date (statuses and
/// 164.306(d)(3) decisions from the change history), the evidence files in force that day, a printable HTML summary,
/// and <c>manifest.json</c> with the SHA-256 of every other file. Deterministic: the same data and date give the same
/// bytes (entries in a fixed order with a fixed timestamp, JSON and CSV written field by field, no generation time).
/// </summary>
public sealed class BuildAuditPacket(RequirementRegister register, IEvidenceRecords evidence)
{
    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
    };

    /// <summary>Writes the packet to <paramref name="output"/>, which must be seekable (a file) for byte-identical results.</summary>
    public async Task<AuditPacketResult> HandleAsync(DateOnly asOf, Stream output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(output);
        var view = await register.BuildAsync(asOf, cancellationToken);
        var timestamp = new DateTimeOffset(asOf.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        if (timestamp.Year < 1980)
        {
            timestamp = new DateTimeOffset(1980, 1, 1, 0, 0, 0, TimeSpan.Zero);
        }

        var inForce = view.Evidence.Where(e => Rule.IsApprovedAndInForce(e, asOf)).OrderBy(e => e.Id).ToList();
        var manifest = new List<ManifestEntry>();
        using (var zip = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true))
        {
            async Task AddAsync(string path, byte[] bytes)
            {
                var entry = zip.CreateEntry(path, CompressionLevel.Optimal);
                entry.LastWriteTime = timestamp;
                await using var stream = await entry.OpenAsync(cancellationToken);
                await stream.WriteAsync(bytes, cancellationToken);
                manifest.Add(new ManifestEntry(path, Convert.ToHexStringLower(SHA256.HashData(bytes)), bytes.LongLength));
            }

            var register1 = view.Rows.Select(r => new RegisterEntry(
                r.Key, r.Citation, r.Title, r.RuleName, r.Kind.ToString().ToLowerInvariant(), r.Required, r.Family.ToString(), Status(r.Implementation.Status),
                Verdict(r.Compliance), r.Why, r.Implementation.Decision is { } d ? Decision(d) : null, r.Implementation.DecisionJustification,
                r.Implementation.AlternativeMeasure, r.Implementation.NoAlternativeFinding, r.Implementation.NotApplicableReason, r.Implementation.Owner,
                r.Implementation.HowMet, r.Implementation.NextReviewOn, r.CurrentEvidence, r.StaleEvidence, r.UpdatedAt, r.UpdatedBy, r.IsProposed, r.ProposedNotice)).ToList();
            await AddAsync("register.json", JsonSerializer.SerializeToUtf8Bytes(new { as_of = asOf, catalog_version = view.CatalogVersion, entity_type = view.EntityType.ToString(), profiles = view.Profiles, requirements = register1 }, Json));
            await AddAsync("register.csv", Encoding.UTF8.GetBytes(RegisterCsv.Write(view.Rows)));
            var evidenceIndex = inForce.Select(e => new EvidenceEntry(e.Id, e.SeriesId, e.Version, e.Title, e.Kind.ToString().ToLowerInvariant(), e.RequirementKeys,
                e.EffectiveFrom, e.EffectiveUntil, e.UploadedAt, e.ApprovedAt, e.FileSha256, e.FileName is null ? null : PathOf(e))).ToList();
            await AddAsync("evidence.json", JsonSerializer.SerializeToUtf8Bytes(evidenceIndex, Json));
            await AddAsync("summary.html", Encoding.UTF8.GetBytes(Summary(view, inForce)));

            var files = 0;
            foreach (var item in inForce.Where(e => e.FileSha256 is not null))
            {
                var path = PathOf(item);
                var entry = zip.CreateEntry(path, CompressionLevel.Optimal);
                entry.LastWriteTime = timestamp;
                using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
                long length = 0;
                await using (var target = await entry.OpenAsync(cancellationToken))
                await using (var source = await evidence.OpenFileAsync(item.Id, cancellationToken))
                {
                    var buffer = new byte[81920];
                    int read;
                    while ((read = await source.ReadAsync(buffer, cancellationToken)) > 0)
                    {
                        hash.AppendData(buffer, 0, read);
                        await target.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
                        length += read;
                    }
                }

                manifest.Add(new ManifestEntry(path, Convert.ToHexStringLower(hash.GetHashAndReset()), length));
                files++;
            }

            manifest.Sort((a, b) => string.CompareOrdinal(a.Path, b.Path));
            var manifestBytes = JsonSerializer.SerializeToUtf8Bytes(new { as_of = asOf, algorithm = "SHA-256", files = manifest }, Json);
            var manifestEntry = zip.CreateEntry("manifest.json", CompressionLevel.Optimal);
            manifestEntry.LastWriteTime = timestamp;
            await using (var stream = await manifestEntry.OpenAsync(cancellationToken))
            {
                await stream.WriteAsync(manifestBytes, cancellationToken);
            }

            return new AuditPacketResult(asOf, manifest.Count + 1, view.Rows.Count, files, Convert.ToHexStringLower(SHA256.HashData(manifestBytes)));
        }
    }

    internal static string Status(ImplementationStatus status) => status switch
    {
        ImplementationStatus.NotAssessed => "not_assessed",
        ImplementationStatus.Planned => "planned",
        ImplementationStatus.PartiallyImplemented => "partially_implemented",
        ImplementationStatus.Implemented => "implemented",
        _ => "not_applicable",
    };

    internal static string Verdict(ComplianceVerdict compliance) => compliance switch
    {
        ComplianceVerdict.Met => "met",
        ComplianceVerdict.NotMet => "not_met",
        _ => "not_applicable",
    };

    internal static string Decision(AddressableDecision decision) => decision switch
    {
        AddressableDecision.Implemented => "implemented",
        AddressableDecision.AlternativeMeasure => "alternative_measure",
        _ => "no_reasonable_alternative",
    };

    private static string PathOf(EvidenceFact item) => $"evidence/{item.Id:N}/{item.FileName ?? "evidence.bin"}";

    private static string Summary(RequirementRegisterView view, List<EvidenceFact> inForce)
    {
        static string H(string? text) => WebUtility.HtmlEncode(text ?? string.Empty);
        var inForceRows = view.InForce;
        var met = inForceRows.Count(r => r.Compliance == ComplianceVerdict.Met);
        var applicable = inForceRows.Count(r => r.Compliance != ComplianceVerdict.NotApplicable);
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>HIPAA requirement register as of ")
            .Append(H(view.AsOf.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture))).Append("</title>\n")
            .Append("<style>body{font-family:sans-serif;font-size:11pt}table{border-collapse:collapse;width:100%}td,th{border:1px solid #999;padding:4px;vertical-align:top;text-align:left}.met{color:#0a5c2b}.not_met{color:#8a1c1c}@media print{tr{page-break-inside:avoid}}</style>\n")
            .Append("</head>\n<body>\n<h1>HIPAA requirement register</h1>\n")
            .Append(CultureInfo.InvariantCulture, $"<p>As of {view.AsOf:yyyy-MM-dd} (UTC). Catalog version {H(view.CatalogVersion)}. Entity type: {H(view.EntityType.ToString())}.</p>\n")
            .Append(CultureInfo.InvariantCulture, $"<p>{met} of {applicable} applicable requirements met; {inForce.Count} evidence items in force. A requirement is met only when implemented (or, if addressable, decided under 45 CFR 164.306(d)(3)) and backed by approved, unexpired evidence. Each file's SHA-256 is in manifest.json.</p>\n")
            .Append("<h2>Rules in force</h2>\n");
        Table(inForceRows);
        foreach (var group in view.Proposed.GroupBy(r => r.ProposedNotice!, StringComparer.Ordinal))
        {
            var rows = group.ToList();
            html.Append(CultureInfo.InvariantCulture, $"<h2 class=\"proposed\">{H(group.Key)}</h2>\n")
                .Append(CultureInfo.InvariantCulture, $"<p class=\"proposed\">{H(group.Key)}: the organization chose to track these proposed requirements to prepare. They are not HIPAA requirements today and are not counted above. {rows.Count(r => r.Compliance == ComplianceVerdict.Met)} of {rows.Count(r => r.Compliance != ComplianceVerdict.NotApplicable)} met.</p>\n");
            Table(rows);
        }

        html.Append("</body>\n</html>\n");
        return html.ToString();

        void Table(IReadOnlyList<RequirementRow> rows)
        {
            html.Append("<table>\n<thead><tr><th>Citation</th><th>Title</th><th>Type</th><th>Status</th><th>Decision</th><th>Verdict</th><th>Evidence</th></tr></thead>\n<tbody>\n");
            foreach (var row in rows)
            {
                var type = row.Kind == Catalog.RequirementKind.Standard ? "Standard" : row.Required switch { true => "Required", false => "Addressable", _ => "Specification" };
                var decision = row.Implementation.Decision is { } d
                    ? Decision(d) + (row.Implementation.DecisionJustification is { } j ? ": " + j : string.Empty) + (row.Implementation.AlternativeMeasure is { } a ? " Alternative: " + a : string.Empty) + (row.Implementation.NoAlternativeFinding is { } f ? " Finding: " + f : string.Empty)
                    : string.Empty;
                var title = row.ProposedNotice is { } notice ? $"{H(row.Title)} <strong>[{H(notice)}]</strong>" : H(row.Title);
                html.Append(CultureInfo.InvariantCulture, $"<tr><td>{H(row.Citation)}</td><td>{title}</td><td>{type}</td><td>{Status(row.Implementation.Status)}</td><td>{H(decision)}</td><td class=\"{Verdict(row.Compliance)}\">{Verdict(row.Compliance)}: {H(row.Why)}</td><td>{row.CurrentEvidence}</td></tr>\n");
            }

            html.Append("</tbody>\n</table>\n");
        }
    }

    private sealed record ManifestEntry(string Path, string Sha256, long Bytes);

    private sealed record RegisterEntry(
        string Key, string Citation, string Title, string Rule, string Kind, bool? Required, string Family, string Status, string Verdict, string Why,
        string? Decision, string? DecisionJustification, string? AlternativeMeasure, string? NoAlternativeFinding, string? NotApplicableReason, string? Owner,
        string? HowMet, DateOnly? NextReviewOn, int CurrentEvidence, int StaleEvidence, DateTimeOffset? UpdatedAt, string? UpdatedBy, bool Proposed, string? ProposedNotice);

    private sealed record EvidenceEntry(
        Guid Id, Guid SeriesId, int Version, string Title, string Kind, IReadOnlyList<string> Requirements, DateOnly EffectiveFrom, DateOnly? EffectiveUntil,
        DateTimeOffset UploadedAt, DateTimeOffset? ApprovedAt, string? FileSha256, string? Path);
}

/// <summary>The register as CSV (RFC 4180), one row per requirement, fields in a fixed order.</summary>
public static class RegisterCsv
{
    public static readonly string[] Header =
        ["citation", "title", "rule", "kind", "required", "family", "status", "verdict", "why", "decision", "justification", "alternative_measure", "no_alternative_finding", "not_applicable_reason", "owner", "how_met", "next_review_on", "current_evidence", "stale_evidence", "proposed"];

    public static IEnumerable<string?[]> Rows(IEnumerable<RequirementRow> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        return rows.Select(r => new[]
        {
            r.Key, r.Title, r.RuleName, r.Kind.ToString().ToLowerInvariant(), r.Required is { } req ? (req ? "true" : "false") : null, r.Family.ToString(),
            BuildAuditPacket.Status(r.Implementation.Status), BuildAuditPacket.Verdict(r.Compliance), r.Why,
            r.Implementation.Decision is { } d ? BuildAuditPacket.Decision(d) : null, r.Implementation.DecisionJustification, r.Implementation.AlternativeMeasure,
            r.Implementation.NoAlternativeFinding, r.Implementation.NotApplicableReason, r.Implementation.Owner, r.Implementation.HowMet,
            r.Implementation.NextReviewOn?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            r.CurrentEvidence.ToString(CultureInfo.InvariantCulture), r.StaleEvidence.ToString(CultureInfo.InvariantCulture),
            r.ProposedNotice,
        });
    }

    public static string Write(IEnumerable<RequirementRow> rows)
    {
        var csv = new StringBuilder();
        csv.Append(string.Join(',', Header)).Append("\r\n");
        foreach (var row in Rows(rows))
        {
            csv.Append(string.Join(',', row.Select(Field))).Append("\r\n");
        }

        return csv.ToString();
    }

    // Formula-looking cells are prefixed with a quote so a spreadsheet never runs them (CSV injection).
    private static string Field(string? value)
    {
        if (value is null)
        {
            return string.Empty;
        }

        if (value.Length > 0 && value[0] is '=' or '+' or '-' or '@' or '\t' or '\r')
        {
            value = "'" + value;
        }

        return value.IndexOfAny([',', '"', '\r', '\n']) >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
    }
}
