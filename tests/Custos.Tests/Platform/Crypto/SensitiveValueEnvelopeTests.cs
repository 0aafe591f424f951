using System.Security.Cryptography;
using System.Text;
using Custos.Platform.Crypto;

namespace Custos.Tests.Platform.Crypto;

public sealed class SensitiveValueEnvelopeTests
{
    private const string Binding = "incidents_reports.details";
    private static readonly Guid KeyId = Guid.Parse("0193a5b2-7c11-7000-8000-000000000001");
    private static readonly byte[] Key = RandomNumberGenerator.GetBytes(32);
    private static readonly byte[] Plaintext = Encoding.UTF8.GetBytes("Patient MRN 00451234, misdirected discharge summary");

    [Fact]
    public void A_sealed_value_opens_to_the_same_bytes_and_names_its_key()
    {
        var envelope = SensitiveValueEnvelope.Seal(KeyId, Key, Binding, Plaintext);

        SensitiveValueEnvelope.Open(envelope, Key, Binding).ShouldBe(Plaintext);
        SensitiveValueEnvelope.ReadKeyId(envelope, Binding).ShouldBe(KeyId);
        envelope[0].ShouldBe(SensitiveValueEnvelope.Version1);
        envelope.AsSpan(1, 16).ToArray().ShouldBe(SensitiveValueEnvelope.KeyIdBytes(KeyId));
        envelope.Length.ShouldBe(45 + Plaintext.Length);
    }

    [Fact]
    public void A_value_copied_to_another_column_does_not_open()
    {
        var envelope = SensitiveValueEnvelope.Seal(KeyId, Key, Binding, Plaintext);

        var error = Should.Throw<SensitiveDataUnreadableException>(() => SensitiveValueEnvelope.Open(envelope, Key, "incidents_reports.summary"));

        error.Message.ShouldContain("incidents_reports.summary failed authentication");
    }

    [Theory]
    [InlineData(1)]
    [InlineData(17)]
    [InlineData(29)]
    [InlineData(45)]
    public void A_changed_byte_anywhere_after_the_version_is_detected(int index)
    {
        var envelope = SensitiveValueEnvelope.Seal(KeyId, Key, Binding, Plaintext);
        envelope[index] ^= 0x80;

        Should.Throw<SensitiveDataUnreadableException>(() => SensitiveValueEnvelope.Open(envelope, Key, Binding));
    }

    [Fact]
    public void The_wrong_key_is_detected_not_decrypted_to_garbage()
    {
        var envelope = SensitiveValueEnvelope.Seal(KeyId, Key, Binding, Plaintext);

        Should.Throw<SensitiveDataUnreadableException>(() => SensitiveValueEnvelope.Open(envelope, RandomNumberGenerator.GetBytes(32), Binding));
    }

    [Fact]
    public void A_truncated_value_or_an_unknown_version_says_what_it_is()
    {
        var envelope = SensitiveValueEnvelope.Seal(KeyId, Key, Binding, Plaintext);
        var future = (byte[])envelope.Clone();
        future[0] = 2;
        var truncated = envelope.Take(44).ToArray();

        Should.Throw<SensitiveDataUnreadableException>(() => SensitiveValueEnvelope.Open(truncated, Key, Binding))
            .Message.ShouldContain("shorter than the 45-byte header");
        Should.Throw<SensitiveDataUnreadableException>(() => SensitiveValueEnvelope.Open(future, Key, Binding))
            .Message.ShouldContain("format version 2");
    }

    [Fact]
    public void Sealing_the_same_value_twice_gives_different_bytes()
    {
        SensitiveValueEnvelope.Seal(KeyId, Key, Binding, Plaintext).ShouldNotBe(SensitiveValueEnvelope.Seal(KeyId, Key, Binding, Plaintext));
    }

    [Fact]
    public void An_empty_value_is_still_encrypted_and_authenticated()
    {
        var envelope = SensitiveValueEnvelope.Seal(KeyId, Key, Binding, []);

        envelope.Length.ShouldBe(SensitiveValueEnvelope.HeaderSize);
        SensitiveValueEnvelope.Open(envelope, Key, Binding).ShouldBeEmpty();
        Should.Throw<SensitiveDataUnreadableException>(() => SensitiveValueEnvelope.Open(envelope, Key, "other.column"));
    }
}
