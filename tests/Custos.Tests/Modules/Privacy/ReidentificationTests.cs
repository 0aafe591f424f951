using System.Text;
using Custos.Modules.Privacy;
using Custos.Platform.Audit;
using Custos.Platform.Persistence;
using Custos.Platform.Validation;
using Custos.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Custos.Tests.Modules.Privacy;

/// <summary>45 CFR 164.514(c): codes recorded at pseudonymization time, re-identified only with a stated purpose and an audit entry.</summary>
public sealed class ReidentificationTests
{
    private const string Purpose = "Ticket CS-1042: the covered entity asks which patient record 12 of the export is";
    private const string NameCode = "NAME-7KQ2M9XW4HTR";
    private const string MrnCode = "MRN-ABCDEFGH2345";

    private static Task<RecordPseudonymsResult> Record(TestDatabase db, params PseudonymEntry[] entries) =>
        db.RunAsync<RecordPseudonyms, RecordPseudonymsResult>((h, ct) => h.HandleAsync(new RecordPseudonymsCommand("export-2026-03.csv", entries), ct));

    private static Task<IReadOnlyList<ReidentifiedCode>> Reidentify(TestDatabase db, string purpose, params string[] codes) =>
        db.RunAsync<ReidentifyRecords, IReadOnlyList<ReidentifiedCode>>((h, ct) => h.HandleAsync(new ReidentifyRecordsCommand(codes, purpose), ct));

    [Theory, AllDatabaseProviders]
    public async Task A_recorded_code_is_re_identified_with_its_type_and_value(DatabaseProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider, TestContext.Current.CancellationToken);
        await Record(db, new PseudonymEntry(NameCode, "NAME", "Maria Kelvarossen"), new PseudonymEntry(MrnCode, "MRN", "00481516"));

        var result = await Reidentify(db, Purpose, NameCode, "NAME-0000000000ZZ");

        result.Count.ShouldBe(2);
        result[0].ShouldBe(new ReidentifiedCode(NameCode, "NAME", "Maria Kelvarossen"));
        result[0].Found.ShouldBeTrue();
        result[1].Found.ShouldBeFalse();
        result[1].Value.ShouldBeNull();
    }

    [Theory, AllDatabaseProviders]
    public async Task The_purpose_is_the_reason_of_one_ledger_entry_per_code_and_the_value_is_never_in_the_ledger(DatabaseProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider, TestContext.Current.CancellationToken);
        await Record(db, new PseudonymEntry(NameCode, "NAME", "Maria Kelvarossen"), new PseudonymEntry(MrnCode, "MRN", "00481516"));

        await Reidentify(db, "  " + Purpose + " ", NameCode, MrnCode);

        var entries = await db.QueryAsync((ctx, ct) => ctx.Set<AuditEntry>().AsNoTracking().Where(e => e.Action == ReidentifyRecords.Action).ToListAsync(ct));
        entries.Select(e => e.ResourceId).ShouldBe([NameCode, MrnCode], ignoreOrder: true);
        entries.ShouldAllBe(e => e.Reason == Purpose && e.ResourceType == "pseudonym" && e.ActorName == "Test User");
        var reads = await db.QueryAsync((ctx, ct) => ctx.Set<AuditEntry>().AsNoTracking().CountAsync(e => e.Action == AuditActions.RecordRead && e.ResourceType == "Pseudonym", ct));
        reads.ShouldBe(2);
        var everything = await db.QueryAsync((ctx, ct) => ctx.Set<AuditEntry>().AsNoTracking().ToListAsync(ct));
        everything.ShouldAllBe(e => !(e.Reason ?? string.Empty).Contains("Kelvarossen") && !(e.ResourceId ?? string.Empty).Contains("Kelvarossen"));
    }

    [Theory, AllDatabaseProviders]
    public async Task Without_a_stated_purpose_nothing_is_read_and_nothing_is_recorded(DatabaseProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider, TestContext.Current.CancellationToken);
        await Record(db, new PseudonymEntry(NameCode, "NAME", "Maria Kelvarossen"));
        var before = await db.CountAsync<AuditEntry>();

        var missing = await Should.ThrowAsync<InvalidRequestException>(() => Reidentify(db, "  ", NameCode));
        var vague = await Should.ThrowAsync<InvalidRequestException>(() => Reidentify(db, "because", NameCode));
        var badCode = await Should.ThrowAsync<InvalidRequestException>(() => Reidentify(db, Purpose, "Maria Kelvarossen"));

        missing.Errors.ShouldContainKey("Purpose");
        vague.Errors["Purpose"].ShouldHaveSingleItem().ShouldContain("at least 15 characters");
        badCode.Errors.ShouldContainKey("Codes");
        badCode.Message.ShouldNotContain("Kelvarossen");
        (await db.CountAsync<AuditEntry>()).ShouldBe(before);
    }

    [Theory, AllDatabaseProviders]
    public async Task Values_are_stored_encrypted_and_a_code_recorded_twice_is_kept_once(DatabaseProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider, TestContext.Current.CancellationToken);

        var first = await Record(db, new PseudonymEntry(NameCode, "NAME", "Maria Kelvarossen"));
        var second = await Record(db, new PseudonymEntry(NameCode, "NAME", "Maria Kelvarossen"), new PseudonymEntry(MrnCode, "MRN", "00481516"));

        first.ShouldBe(new RecordPseudonymsResult(1, 0));
        second.ShouldBe(new RecordPseudonymsResult(1, 1));
        var stored = await db.QueryAsync((ctx, ct) => ctx.Database.SqlQueryRaw<byte[]>("SELECT value AS \"Value\" FROM privacy_pseudonyms").ToListAsync(ct));
        stored.Count.ShouldBe(2);
        stored.ShouldAllBe(bytes => !Encoding.UTF8.GetString(bytes).Contains("Kelvarossen") && !Encoding.UTF8.GetString(bytes).Contains("00481516"));
    }

    [Fact]
    public void Codes_have_the_shape_the_pseudonymizer_writes()
    {
        PseudonymCodes.IsWellFormed(NameCode).ShouldBeTrue();
        PseudonymCodes.IsWellFormed("HEALTH_PLAN_ID-0123456789AB").ShouldBeTrue();
        PseudonymCodes.IsWellFormed("NAME-7KQ2M9XW4HTI").ShouldBeFalse(); // I is not in the alphabet
        PseudonymCodes.IsWellFormed("name-7KQ2M9XW4HTR").ShouldBeFalse();
        PseudonymCodes.IsWellFormed("NAME-7KQ2M9XW4HT").ShouldBeFalse();
        PseudonymCodes.IsWellFormed(null).ShouldBeFalse();
    }
}
