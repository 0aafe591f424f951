using System.Runtime.CompilerServices;
using System.Text.Json;
using Custos.Platform.Audit;

namespace Custos.Tests.Platform.Audit;

/// <summary>The public RFC 9162 vectors (MerkleVectors/SOURCE.md): every happy path accepted, every mutation rejected.</summary>
public sealed class MerkleVectorTests
{
    public static TheoryData<string> InclusionVectors => Files("inclusion");

    public static TheoryData<string> ConsistencyVectors => Files("consistency");

    [Fact]
    public void The_vectors_are_all_there()
    {
        InclusionVectors.Count.ShouldBeGreaterThan(60);
        ConsistencyVectors.Count.ShouldBeGreaterThan(90);
    }

    [Theory]
    [MemberData(nameof(InclusionVectors))]
    public void Inclusion_vector_is_judged_as_its_author_expects(string file)
    {
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(Folder(), file)));
        var v = json.RootElement;

        // Indexes beyond 2^63 - 1 cannot reach the verifier (sequence numbers are 64-bit signed): such a proof is rejected on input.
        var ok = v.GetProperty("leafIdx").TryGetInt64(out var leafIndex) && v.GetProperty("treeSize").TryGetInt64(out var treeSize) && MerkleVerifier.VerifyInclusion(
            leafIndex,
            treeSize,
            Bytes(v, "leafHash"),
            Proof(v),
            Bytes(v, "root"));

        ok.ShouldBe(!v.GetProperty("wantErr").GetBoolean(), v.GetProperty("desc").GetString());
    }

    [Theory]
    [MemberData(nameof(ConsistencyVectors))]
    public void Consistency_vector_is_judged_as_its_author_expects(string file)
    {
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(Folder(), file)));
        var v = json.RootElement;

        var ok = v.GetProperty("size1").TryGetInt64(out var size1) && v.GetProperty("size2").TryGetInt64(out var size2) && MerkleVerifier.VerifyConsistency(
            size1,
            size2,
            Bytes(v, "root1"),
            Bytes(v, "root2"),
            Proof(v));

        ok.ShouldBe(!v.GetProperty("wantErr").GetBoolean(), v.GetProperty("desc").GetString());
    }

    private static byte[] Bytes(JsonElement v, string name) =>
        v.GetProperty(name).ValueKind == JsonValueKind.Null ? [] : Convert.FromBase64String(v.GetProperty(name).GetString() ?? string.Empty);

    private static List<byte[]> Proof(JsonElement v) =>
        v.GetProperty("proof").ValueKind == JsonValueKind.Null
            ? []
            : v.GetProperty("proof").EnumerateArray().Select(p => p.ValueKind == JsonValueKind.Null ? [] : Convert.FromBase64String(p.GetString()!)).ToList();

    private static TheoryData<string> Files(string kind)
    {
        var root = Folder();
        var data = new TheoryData<string>();
        foreach (var file in Directory.EnumerateFiles(Path.Combine(root, kind), "*.json", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetRelativePath(root, file));
        }

        return data;
    }

    // The vectors are read from the source tree, beside this file.
    private static string Folder([CallerFilePath] string path = "") => Path.Combine(Path.GetDirectoryName(path)!, "MerkleVectors");
}
