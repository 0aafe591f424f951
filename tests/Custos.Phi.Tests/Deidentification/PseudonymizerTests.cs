using Custos.Phi.Deidentification;

namespace Custos.Phi.Tests.Deidentification;

/// <summary>Re-identification codes of 45 CFR 164.514(c).</summary>
public sealed class PseudonymizerTests
{
    private static readonly byte[] KeyA = Enumerable.Range(1, 32).Select(i => (byte)i).ToArray();
    private static readonly byte[] KeyB = Enumerable.Range(2, 32).Select(i => (byte)i).ToArray();

    [Fact]
    public void The_same_key_and_value_always_give_the_same_code()
    {
        var first = new Pseudonymizer(KeyA).Code(PhiType.Mrn, "00123456");
        var second = new Pseudonymizer(KeyA).Code(PhiType.Mrn, " 00123456 ");

        first.ShouldBe(second);
        first.ShouldStartWith("MRN-");
        first.Length.ShouldBe(16);
    }

    [Fact]
    public void Another_key_gives_an_unrelated_code_so_codes_cannot_be_linked_without_the_key()
    {
        var a = new Pseudonymizer(KeyA).Code(PhiType.Mrn, "00123456");
        var b = new Pseudonymizer(KeyB).Code(PhiType.Mrn, "00123456");

        a.ShouldNotBe(b);
    }

    [Fact]
    public void The_code_does_not_contain_the_value_and_differs_by_type()
    {
        var p = new Pseudonymizer(KeyA);

        p.Code(PhiType.Mrn, "00123456").ShouldNotContain("123456");
        p.Code(PhiType.Mrn, "00123456").ShouldNotBe(p.Code(PhiType.AccountNumber, "00123456")[..4] + p.Code(PhiType.Mrn, "00123456")[4..]);
    }

    [Fact]
    public void Re_identification_recomputes_the_code_with_the_key()
    {
        var p = new Pseudonymizer(KeyA);
        var code = p.Code(PhiType.Name, "Jane Doe");

        p.Matches(code, PhiType.Name, "jane doe").ShouldBeTrue();
        p.Matches(code, PhiType.Name, "John Doe").ShouldBeFalse();
        new Pseudonymizer(KeyB).Matches(code, PhiType.Name, "Jane Doe").ShouldBeFalse();
    }

    [Fact]
    public void A_key_shorter_than_256_bits_is_refused() =>
        Should.Throw<ArgumentException>(() => new Pseudonymizer(new byte[16])).Message.ShouldContain("at least 32 bytes");

    [Fact]
    public void UUID_codes_are_stable_and_UUID_shaped()
    {
        var p = new Pseudonymizer(KeyA);

        var code = p.Uuid("1c5a49ea-fc04-456b-9d86-82d3e8f25ab1");

        Guid.TryParse(code, out _).ShouldBeTrue();
        code.ShouldBe(p.Uuid("1C5A49EA-FC04-456B-9D86-82D3E8F25AB1"));
        code.ShouldNotBe("1c5a49ea-fc04-456b-9d86-82d3e8f25ab1");
    }
}
