using System.Globalization;
using Custos.Modules.Evidence;
using Custos.Modules.Evidence.Contracts;
using Custos.Platform.Validation;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;

namespace Custos.Web.Api;

/// <summary>
/// What the evidence page's form adds to the API's upload: the antiforgery token as the first part (checked before any
/// other part is read), the requirement from the page's address, and the kind taken from what was filled in.
/// </summary>
/// <param name="ValidateAntiforgeryAsync">Called with the first part's value when it is the antiforgery token, or null when the first part is something else.</param>
/// <param name="Fields">Receives the text fields as read, so the page can show them again next to an error.</param>
internal sealed record EvidenceUploadForm(
    Func<string?, Task> ValidateAntiforgeryAsync,
    IReadOnlyList<string> RequirementKeys,
    Dictionary<string, List<string>> Fields)
{
    public const string AntiforgeryField = "__RequestVerificationToken";
}

/// <summary>
/// Reads an evidence upload from a multipart body without buffering it: form fields first, then the file part, whose
/// bytes flow straight into the Files store (and its size limit) as they arrive. Shared by the API
/// (<c>POST /api/v1/evidence</c>) and the evidence page's form (<c>POST /compliance/evidence/upload</c>), so both
/// stream and both refuse the same files (ADR 0022).
/// </summary>
internal static class EvidenceUpload
{
    /// <summary>Room for the form fields around the file.</summary>
    public const long FieldAllowance = 1024 * 1024;

    public static async Task<EvidenceView> ReadAsync(
        HttpRequest request,
        EvidenceSettings settings,
        Func<AddEvidenceCommand, CancellationToken, Task<EvidenceView>> add,
        CancellationToken cancellationToken,
        EvidenceUploadForm? form = null)
    {
        if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            // Past the limit the store refuses the file itself with a clear message; this only bounds the request.
            limit.MaxRequestBodySize = settings.MaxFileBytes + FieldAllowance;
        }

        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var contentType) || HeaderUtilities.RemoveQuotes(contentType.Boundary).Value is not { Length: > 0 } boundary)
        {
            if (form is not null)
            {
                await form.ValidateAntiforgeryAsync(null);
            }

            throw new InvalidRequestException("body", "Send the evidence as multipart/form-data.");
        }

        var fields = form?.Fields ?? new Dictionary<string, List<string>>(StringComparer.OrdinalIgnoreCase);
        var reader = new MultipartReader(boundary, request.Body) { BodyLengthLimit = settings.MaxFileBytes + FieldAllowance };
        var first = true;
        while (await reader.ReadNextSectionAsync(cancellationToken) is { } section)
        {
            if (!ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition))
            {
                continue;
            }

            var name = HeaderUtilities.RemoveQuotes(disposition.Name).Value ?? string.Empty;
            if (form is not null && first)
            {
                // The token comes before anything else: no file byte is read for a forged request.
                first = false;
                var token = !disposition.IsFileDisposition() && string.Equals(name, EvidenceUploadForm.AntiforgeryField, StringComparison.Ordinal)
                    ? await ReadTextAsync(section, name, cancellationToken)
                    : null;
                await form.ValidateAntiforgeryAsync(token);
                if (token is not null)
                {
                    continue;
                }
            }

            if (disposition.IsFileDisposition())
            {
                var fileName = HeaderUtilities.RemoveQuotes(disposition.FileNameStar.HasValue ? disposition.FileNameStar : disposition.FileName).Value;
                if (form is not null && string.IsNullOrEmpty(fileName))
                {
                    // A browser sends an empty file part when no file was chosen: a link or a note.
                    await section.Body.CopyToAsync(Stream.Null, cancellationToken);
                    continue;
                }

                var command = Command(fields, EvidenceKind.File, form) with { Content = section.Body, FileName = fileName, ContentType = section.ContentType };
                return await add(command, cancellationToken);
            }

            var value = await ReadTextAsync(section, name, cancellationToken);
            if (!fields.TryGetValue(name, out var values))
            {
                fields[name] = values = [];
            }

            values.Add(value);
        }

        if (form is not null && first)
        {
            await form.ValidateAntiforgeryAsync(null);
        }

        var kind = form is not null
            ? Field(fields, "url") is not null ? EvidenceKind.Link : EvidenceKind.Note
            : Field(fields, "kind") is { } k && Enum.TryParse<EvidenceKind>(k, ignoreCase: true, out var parsed) ? parsed : EvidenceKind.Note;
        if (kind == EvidenceKind.File)
        {
            throw new InvalidRequestException("file", "Choose the file to upload (send it as the last part of the form).");
        }

        return await add(Command(fields, kind, form), cancellationToken);
    }

    private static async Task<string> ReadTextAsync(MultipartSection section, string name, CancellationToken cancellationToken)
    {
        var buffer = new char[10_001];
        using var text = new StreamReader(section.Body);
        var read = await text.ReadBlockAsync(buffer, cancellationToken);
        if (read > 10_000)
        {
            throw new InvalidRequestException(name, "A form field is longer than 10,000 characters.");
        }

        return new string(buffer, 0, read);
    }

    private static AddEvidenceCommand Command(Dictionary<string, List<string>> fields, EvidenceKind kind, EvidenceUploadForm? form) => new(
        kind,
        Field(fields, "title") ?? string.Empty,
        form?.RequirementKeys ?? (fields.TryGetValue("requirement", out var keys) ? keys : (fields.TryGetValue("requirements", out var plural) ? plural : [])),
        Date(fields, "effectiveFrom") ?? throw new InvalidRequestException("effectiveFrom", "Give the first day the evidence describes (YYYY-MM-DD)."),
        Date(fields, "effectiveUntil"),
        Field(fields, "description"),
        Field(fields, "url"),
        Supersedes: Field(fields, "supersedes") is { } s ? (Guid.TryParse(s, out var id) ? id : throw new InvalidRequestException("supersedes", "Give the id of the version this one replaces.")) : null);

    public static string? Field(Dictionary<string, List<string>> fields, string name) =>
        fields.TryGetValue(name, out var values) && values.Count > 0 && !string.IsNullOrWhiteSpace(values[0]) ? values[0] : null;

    private static DateOnly? Date(Dictionary<string, List<string>> fields, string name) => Field(fields, name) is { } text
        ? DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            ? date
            : throw new InvalidRequestException(name, $"'{text}' is not a date; write it as YYYY-MM-DD.")
        : null;
}
