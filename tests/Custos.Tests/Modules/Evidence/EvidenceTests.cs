using Custos.Modules.Evidence;
using Custos.Modules.Evidence.Contracts;
using Custos.Modules.Safeguards.Contracts;
using Custos.Platform.Authorization;
using Custos.Platform.Files;
using Custos.Platform.Persistence;
using Custos.Platform.Validation;
using Custos.Tests.Infrastructure;
using Custos.Tests.Platform.Files;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Custos.Tests.Modules.Safeguards.SafeguardsExamples;

namespace Custos.Tests.Modules.Evidence;

public sealed class EvidenceTests
{
    [Theory, AllDatabaseProviders]
    public async Task A_new_version_supersedes_the_old_one_which_is_kept_unchanged_for_six_years(DatabaseProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider, TestContext.Current.CancellationToken);
        var first = await AddNoteAsync(db, RiskAnalysis, db.Today.AddDays(-30), title: "Risk analysis 2025");
        db.Time.Advance(TimeSpan.FromDays(1));

        var second = await AddNoteAsync(db, RiskAnalysis, db.Today, supersedes: first.Id, title: "Risk analysis 2026");

        second.SeriesId.ShouldBe(first.Id);
        second.Version.ShouldBe(2);
        var versions = await db.RunAsync<ListEvidence, IReadOnlyList<EvidenceView>>((h, ct) => h.HandleAsync(null, first.SeriesId, ct));
        versions.Count.ShouldBe(2);
        var old = versions.Single(v => v.Id == first.Id);
        old.Title.ShouldBe("Risk analysis 2025");
        old.EffectiveFrom.ShouldBe(first.EffectiveFrom);
        old.SupersededById.ShouldBe(second.Id);

        // 45 CFR 164.316(b)(2)(i): six years from the date it was last in effect.
        old.RetainUntil.ShouldBe(db.Today.AddYears(6));
    }

    [Theory, AllDatabaseProviders]
    public async Task A_superseded_version_cannot_be_superseded_again(DatabaseProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider, TestContext.Current.CancellationToken);
        var first = await AddNoteAsync(db, RiskAnalysis, db.Today);
        await AddNoteAsync(db, RiskAnalysis, db.Today, supersedes: first.Id);

        var refused = await Should.ThrowAsync<InvalidRequestException>(() => AddNoteAsync(db, RiskAnalysis, db.Today, supersedes: first.Id));

        refused.Errors.ShouldContainKey(nameof(AddEvidenceCommand.Supersedes));
        (await db.CountAsync<EvidenceItem>()).ShouldBe(2);
    }

    [Theory, AllDatabaseProviders]
    public async Task Approval_follows_review_and_cannot_skip_it(DatabaseProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider, TestContext.Current.CancellationToken);
        var draft = await AddNoteAsync(db, RiskAnalysis, db.Today);

        var refused = await Should.ThrowAsync<InvalidRequestException>(() =>
            db.RunAsync<ReviewEvidence, EvidenceView>((h, ct) => h.HandleAsync(new ReviewEvidenceCommand(draft.Id, EvidenceReviewAction.Approve), ct)));

        refused.Errors[nameof(ReviewEvidenceCommand.Action)].ShouldHaveSingleItem().ShouldContain("only evidence that is in review");
        (await ApproveAsync(db, draft.Id)).State.ShouldBe(EvidenceReviewState.Approved);
    }

    [Theory, AllDatabaseProviders]
    public async Task Evidence_goes_stale_after_its_requirements_cadence_and_the_requirement_is_no_longer_met(DatabaseProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider, TestContext.Current.CancellationToken);
        await ImplementAsync(db, RiskAnalysis);
        await ApproveAsync(db, (await AddNoteAsync(db, RiskAnalysis, db.Today)).Id);
        var row = await RowAsync(db, RiskAnalysis);
        row.Compliance.ShouldBe(ComplianceVerdict.Met);

        var lastFreshDay = db.Today.AddDays(row.EvidenceFreshnessDays);
        (await RowAsync(db, RiskAnalysis, lastFreshDay)).Compliance.ShouldBe(ComplianceVerdict.Met);
        db.Time.Advance(TimeSpan.FromDays(row.EvidenceFreshnessDays + 1));

        var stale = await RowAsync(db, RiskAnalysis);
        stale.Compliance.ShouldBe(ComplianceVerdict.NotMet);
        stale.StaleEvidence.ShouldBe(1);
        stale.CurrentEvidence.ShouldBe(0);
    }

    [Theory, AllDatabaseProviders]
    public async Task Evidence_outside_its_effective_period_does_not_back_a_requirement(DatabaseProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider, TestContext.Current.CancellationToken);
        await ImplementAsync(db, RiskAnalysis);
        var future = await AddNoteAsync(db, RiskAnalysis, db.Today.AddDays(10));
        await ApproveAsync(db, future.Id);

        (await RowAsync(db, RiskAnalysis)).Compliance.ShouldBe(ComplianceVerdict.NotMet);
    }

    [Theory, AllDatabaseProviders]
    public async Task Evidence_for_an_unknown_requirement_is_refused_and_nothing_is_saved(DatabaseProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider, TestContext.Current.CancellationToken);

        var refused = await Should.ThrowAsync<InvalidRequestException>(() => AddFileAsync(db, "164.999(a)", [1, 2, 3], db.Today));

        refused.Errors[nameof(AddEvidenceCommand.RequirementKeys)].ShouldHaveSingleItem().ShouldContain("164.999(a)");
        (await db.CountAsync<EvidenceItem>()).ShouldBe(0);
        (await db.CountAsync<FileBlob>()).ShouldBe(0);
    }

    [Theory, AllDatabaseProviders]
    public async Task Empty_and_oversized_evidence_files_are_refused_and_nothing_is_saved(DatabaseProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider, TestContext.Current.CancellationToken);
        var limit = (int)db.Services.GetRequiredService<EvidenceSettings>().MaxFileBytes;
        limit.ShouldBe(100 * 1024 * 1024);

        await Should.ThrowAsync<InvalidRequestException>(() => AddFileAsync(db, RiskAnalysis, [], db.Today));
        var tooLarge = await Should.ThrowAsync<InvalidRequestException>(() =>
            db.RunAsync<AddEvidence, EvidenceView>((h, ct) => h.HandleAsync(
                new AddEvidenceCommand(EvidenceKind.File, "Huge", [RiskAnalysis], db.Today, Content: new RepeatingStream(limit + 1L), FileName: "huge.bin"), ct)));

        tooLarge.Errors["file"].ShouldHaveSingleItem().ShouldContain("100 MB");
        (await db.CountAsync<EvidenceItem>()).ShouldBe(0);
        (await db.CountAsync<FileBlob>()).ShouldBe(0);
    }

    [Theory, AllDatabaseProviders]
    public async Task An_altered_evidence_file_raises_one_finding_and_notifies_the_security_officer(DatabaseProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider, TestContext.Current.CancellationToken);
        var officer = await TestUsers.CreateAsync(db, "security@example.test", BuiltInRoles.SecurityOfficer);
        var intact = await AddFileAsync(db, RiskAnalysis, "Quarterly access review"u8.ToArray(), db.Today, "access-review.txt");
        var altered = await AddFileAsync(db, RiskAnalysis, "Risk analysis report v3"u8.ToArray(), db.Today);
        var path = await FileStoreTests.BlobPathAsync(db, altered.FileSha256!);
        var bytes = await File.ReadAllBytesAsync(path, TestContext.Current.CancellationToken);
        bytes[^1] ^= 0x80;
        await File.WriteAllBytesAsync(path, bytes, TestContext.Current.CancellationToken);

        var report = await db.RunAsync<VerifyEvidenceIntegrity, EvidenceIntegrityReport>((h, ct) => h.HandleAsync(ct));
        var again = await db.RunAsync<VerifyEvidenceIntegrity, EvidenceIntegrityReport>((h, ct) => h.HandleAsync(ct));

        report.FilesChecked.ShouldBe(2);
        report.Intact.ShouldBe(1);
        report.Problems.ShouldHaveSingleItem().EvidenceIds.ShouldBe([altered.Id]);
        again.Problems.Count.ShouldBe(1);
        (await db.CountAsync<EvidenceIntegrityFinding>()).ShouldBe(1);
        var notified = await db.QueryAsync((context, ct) => context.Set<Custos.Platform.Notifications.InAppNotification>().Where(n => n.RecipientId == officer).CountAsync(ct));
        notified.ShouldBe(1);
        intact.FileSha256.ShouldNotBe(altered.FileSha256);
    }

    /// <summary>A stream of the given length that is never held in memory.</summary>
    private sealed class RepeatingStream(long length) : Stream
    {
        private long position;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => length;

        public override long Position { get => position; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            var n = (int)Math.Min(count, length - position);
            buffer.AsSpan(offset, n).Fill(0x41);
            position += n;
            return n;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
