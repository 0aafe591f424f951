using System.CommandLine;
using Custos.Cli.Commands.Database;
using Custos.Platform.Audit;
using Microsoft.Extensions.DependencyInjection;

namespace Custos.Cli.Commands.Audit;

internal static class AuditProofCommands
{
    public static Command CreateProof(CommandRuntime runtime)
    {
        var sequence = new Argument<long>("sequence") { Description = "The entry's sequence number." };
        var treeSize = new Option<long?>("--tree-size")
        {
            Description = "The tree size to prove against; the latest checkpoint's when omitted.",
            HelpName = "size",
        };
        var command = new Command("proof", "Print the RFC 9162 inclusion proof of one entry, check it against the root, and show the checkpoint of that size.")
        {
            sequence,
            treeSize,
        };
        command.SetAction((parseResult, cancellationToken) => runtime.RunWithServicesAsync(parseResult, async (output, services) =>
        {
            await SchemaGuard.EnsureCurrentAsync(services, output, cancellationToken);
            var proof = await services.GetRequiredService<AuditLedgerReader>().InclusionProofAsync(parseResult.GetValue(sequence), parseResult.GetValue(treeSize), cancellationToken);
            var verified = MerkleVerifier.VerifyInclusion(
                proof.Sequence, proof.TreeSize, Convert.FromBase64String(proof.LeafHash), proof.Proof.Select(Convert.FromBase64String).ToList(), Convert.FromBase64String(proof.RootHash));
            output.Write(new { proof, verified }, p =>
            {
                output.Fields(
                    ("Entry", proof.Sequence.ToString(System.Globalization.CultureInfo.InvariantCulture)),
                    ("Tree size", proof.TreeSize.ToString(System.Globalization.CultureInfo.InvariantCulture)),
                    ("Leaf hash", proof.LeafHash),
                    ("Root hash", proof.RootHash),
                    ("Checkpoint", proof.Checkpoint is null ? "none signed at this size" : $"signed {proof.Checkpoint.SignedAt:u} by key {proof.Checkpoint.KeyId}"),
                    ("Verified", verified ? "yes" : "NO"));
                output.Line();
                output.Line($"Proof ({proof.Proof.Count} hashes):");
                foreach (var hash in proof.Proof)
                {
                    output.Line("  " + hash);
                }
            });
            return verified ? ExitCodes.Success : ExitCodes.Failure;
        }, cancellationToken));
        return command;
    }

    public static Command CreateConsistency(CommandRuntime runtime)
    {
        var first = new Option<long>("--first") { Description = "The older tree size.", HelpName = "size", Required = true };
        var second = new Option<long>("--second") { Description = "The newer tree size.", HelpName = "size", Required = true };
        var command = new Command("consistency", "Print the RFC 9162 consistency proof that the tree of --first entries is a prefix of the tree of --second, and check it.")
        {
            first,
            second,
        };
        command.SetAction((parseResult, cancellationToken) => runtime.RunWithServicesAsync(parseResult, async (output, services) =>
        {
            await SchemaGuard.EnsureCurrentAsync(services, output, cancellationToken);
            var proof = await services.GetRequiredService<AuditLedgerReader>().ConsistencyProofAsync(parseResult.GetValue(first), parseResult.GetValue(second), cancellationToken);
            var verified = MerkleVerifier.VerifyConsistency(
                proof.First, proof.Second, Convert.FromBase64String(proof.FirstRootHash), Convert.FromBase64String(proof.SecondRootHash), proof.Proof.Select(Convert.FromBase64String).ToList());
            output.Write(new { proof, verified }, p =>
            {
                output.Fields(
                    ("First size", proof.First.ToString(System.Globalization.CultureInfo.InvariantCulture)),
                    ("First root", proof.FirstRootHash),
                    ("Second size", proof.Second.ToString(System.Globalization.CultureInfo.InvariantCulture)),
                    ("Second root", proof.SecondRootHash),
                    ("Verified", verified ? "yes" : "NO"));
                output.Line();
                output.Line($"Proof ({proof.Proof.Count} hashes):");
                foreach (var hash in proof.Proof)
                {
                    output.Line("  " + hash);
                }
            });
            return verified ? ExitCodes.Success : ExitCodes.Failure;
        }, cancellationToken));
        return command;
    }
}
