using System.Globalization;
using Custos.Modules.Privacy;
using Custos.Phi;
using Custos.Platform.Authorization;
using Custos.Platform.Security;
using Custos.Web.Hosting;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Custos.Web.Api;

/// <summary>A text to scan for PHI.</summary>
/// <param name="Text">The text (at most 1,000,000 characters).</param>
/// <param name="Types">Only these types (NAME, SSN, ...); all when empty.</param>
/// <param name="MinConfidence">Drop findings below this confidence (0 to 1, default 0.5).</param>
public sealed record PhiScanRequest(string? Text, IReadOnlyList<string>? Types, double? MinConfidence);

/// <summary>One finding: a span of the submitted text (UTF-16 offsets, end exclusive), never the value.</summary>
public sealed record PhiFindingView(int Start, int End, string Type, double Confidence, string Detector);

/// <summary>What a scan found.</summary>
public sealed record PhiScanResponse(int Characters, int FindingCount, IReadOnlyDictionary<string, int> CountsByType, IReadOnlyList<PhiFindingView> Findings);

internal static class PhiApi
{
    public const int MaxCharacters = 1_000_000;

    public static void MapPhiApi(this RouteGroupBuilder v1)
    {
        var phi = v1.MapGroup("/phi").WithTags("PHI");
        phi.MapPost("/scan", ScanAsync)
            .RequirePermission(Permissions.PhiScan)
            .WithSummary("Finds PHI in a text (45 CFR 164.514(b)(2)(i) identifiers) and returns the spans, types and confidence; " +
                "the text is neither stored nor logged.");
        phi.MapPost("/reidentify", ReidentifyAsync)
            .RequirePermission(Permissions.PhiReidentify).RequireStepUp()
            .WithSummary("Re-identifies pseudonymization codes recorded by Custos (45 CFR 164.514(c)): a stated purpose is required and " +
                "each code gets an audit-ledger entry with the purpose as its reason. Unknown codes come back with found = false. A browser session " +
                "needs a fresh second factor (step-up, 403 problem details otherwise); API keys are governed by their scopes.");
    }

    private static async Task<Ok<IReadOnlyList<ReidentifiedCode>>> ReidentifyAsync(
        ReidentifyRecordsCommand command, ReidentifyRecords handler, HttpContext http, CancellationToken cancellationToken)
    {
        var result = await handler.HandleAsync(command, cancellationToken);
        http.Response.Headers.CacheControl = "no-store"; // the response holds PHI
        return TypedResults.Ok(result);
    }

    internal static PhiScanResponse Scan(string text, PhiScanOptions options)
    {
        var findings = new PhiScanner(options).Scan(text);
        var counts = findings.GroupBy(f => PhiTypes.Name(f.Type)).OrderBy(g => g.Key, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        return new PhiScanResponse(
            text.Length,
            findings.Count,
            counts,
            findings.Select(f => new PhiFindingView(f.Start, f.End, PhiTypes.Name(f.Type), Math.Round(f.Confidence, 2), f.Detector)).ToList());
    }

    /// <summary>Options from the request, or the field errors that make it unusable.</summary>
    internal static (PhiScanOptions? Options, Dictionary<string, string[]> Errors) ReadOptions(string? text, IReadOnlyList<string>? types, double? minConfidence)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (string.IsNullOrEmpty(text))
        {
            errors["text"] = ["Enter the text to scan."];
        }
        else if (text.Length > MaxCharacters)
        {
            errors["text"] = [string.Create(CultureInfo.InvariantCulture, $"The text has {text.Length:N0} characters; scan at most {MaxCharacters:N0} at a time, or use 'custos phi scan' for files.")];
        }

        var set = new HashSet<PhiType>();
        foreach (var name in types ?? [])
        {
            if (PhiTypes.TryParse(name, out var type))
            {
                set.Add(type);
            }
            else
            {
                errors["types"] = [$"'{name}' is not a PHI type. Use any of {string.Join(", ", PhiTypes.All.Select(PhiTypes.Name))}."];
            }
        }

        if (minConfidence is < 0 or > 1)
        {
            errors["minConfidence"] = ["Give a confidence between 0 and 1."];
        }

        return errors.Count > 0 ? (null, errors) : (new PhiScanOptions { Types = set, MinConfidence = minConfidence ?? 0.5 }, errors);
    }

    /// <summary>Records the scan for the audit ledger when one is installed: counts only, never the content.</summary>
    internal static async Task RecordAsync(IServiceProvider services, string channel, PhiScanResponse response, CancellationToken cancellationToken)
    {
        if (services.GetService<ISecurityEventSink>() is { } sink)
        {
            var counts = response.CountsByType.Count == 0 ? "none" : string.Join(", ", response.CountsByType.Select(p => $"{p.Key} {p.Value}"));
            await sink.RecordAsync(
                new SecurityEvent("phi.scan", AuditOutcome.Succeeded)
                {
                    ResourceType = "phi-scan",
                    Reason = string.Create(CultureInfo.InvariantCulture, $"{channel}: {response.Characters} characters scanned, {response.FindingCount} findings ({counts}); content not kept"),
                },
                cancellationToken);
        }
    }

    private static async Task<Results<Ok<PhiScanResponse>, ValidationProblem>> ScanAsync(
        PhiScanRequest request, IServiceProvider services, CancellationToken cancellationToken)
    {
        var (options, errors) = ReadOptions(request.Text, request.Types, request.MinConfidence);
        if (options is null)
        {
            return TypedResults.ValidationProblem(errors, title: "The scan request is not valid");
        }

        var response = Scan(request.Text!, options);
        await RecordAsync(services, "api", response, cancellationToken);
        return TypedResults.Ok(response);
    }
}
