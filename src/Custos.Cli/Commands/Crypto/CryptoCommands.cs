using System.CommandLine;

namespace Custos.Cli.Commands.Crypto;

internal static class CryptoCommands
{
    public static Command Create(CommandRuntime runtime) => new(
        "crypto",
        "Field encryption keys: show them and how many values each protects (status), or replace the active data key and " +
        "re-encrypt every sensitive value with the new one (rotate). Back up the key-encryption key first (README, 'Keys and backups').")
    {
        RotateKeysCommand.Create(runtime),
        EncryptionStatusCommand.Create(runtime),
    };
}
