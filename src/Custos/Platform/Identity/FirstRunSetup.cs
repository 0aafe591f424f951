using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using Custos.Platform.Persistence;
using Custos.Platform.Validation;
using FluentValidation;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Custos.Platform.Identity;

public enum SetupTokenStatus
{
    Valid,
    Unknown,
    Expired,
    AlreadyUsed,
    SetupAlreadyComplete,
}

public sealed record CreateFirstAdministrator(string Token, string DisplayName, string Email, string Password);

/// <summary>
/// First run without default credentials: while no user exists, the host asks for a random, single-use token that
/// expires after <see cref="TokenLifetime"/>, prints a link carrying it, and whoever holds the link creates the
/// first administrator. Issuing a new token revokes older unused ones.
/// </summary>
public sealed class FirstRunSetup(AppDbContext db, UserManager<CustosUser> users, RoleManager<CustosRole> roles, TimeProvider time)
{
    public static readonly TimeSpan TokenLifetime = TimeSpan.FromMinutes(30);

    private static readonly AdministratorValidator Validator = new();

    /// <summary>
    /// Setup is complete once an Administrator account exists. Accounts without that role (the demo seed's officers,
    /// which have no password) do not close it, or a demo database would have nobody who could manage users (ADR 0021).
    /// </summary>
    public Task<bool> IsCompleteAsync(CancellationToken cancellationToken) =>
        db.UserRoles.AnyAsync(ur => db.Roles.Any(r => r.Id == ur.RoleId && r.Name == CustosRoles.Administrator), cancellationToken);

    /// <summary>Issues a new setup token, or returns null when setup is already complete.</summary>
    public async Task<string?> IssueTokenAsync(CancellationToken cancellationToken)
    {
        if (await IsCompleteAsync(cancellationToken))
        {
            return null;
        }

        var now = time.GetUtcNow();
        var outstanding = await db.SetupTokens.Where(t => t.UsedAt == null && t.RevokedAt == null).ToListAsync(cancellationToken);
        foreach (var old in outstanding)
        {
            old.Revoke(now);
        }

        var token = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));
        db.SetupTokens.Add(new SetupToken(Guid.CreateVersion7(now), Hash(token), now, now + TokenLifetime));
        await db.SaveChangesAsync(cancellationToken);
        return token;
    }

    public async Task<SetupTokenStatus> CheckTokenAsync(string? token, CancellationToken cancellationToken)
    {
        if (await IsCompleteAsync(cancellationToken))
        {
            return SetupTokenStatus.SetupAlreadyComplete;
        }

        if (string.IsNullOrWhiteSpace(token))
        {
            return SetupTokenStatus.Unknown;
        }

        var hash = Hash(token);
        var stored = await db.SetupTokens.AsNoTracking().SingleOrDefaultAsync(t => t.TokenHash == hash, cancellationToken);
        if (stored is null || stored.RevokedAt is not null)
        {
            return SetupTokenStatus.Unknown;
        }

        if (stored.UsedAt is not null)
        {
            return SetupTokenStatus.AlreadyUsed;
        }

        return stored.ExpiresAt <= time.GetUtcNow() ? SetupTokenStatus.Expired : SetupTokenStatus.Valid;
    }

    /// <summary>
    /// Creates the first administrator. The token is consumed by an atomic compare-and-set inside the same
    /// transaction as the user, so two concurrent attempts cannot both succeed and a failed attempt consumes nothing.
    /// </summary>
    public async Task<Guid> CreateAdministratorAsync(CreateFirstAdministrator command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        await Validator.ValidateOrThrowAsync(command, cancellationToken);

        var status = await CheckTokenAsync(command.Token, cancellationToken);
        if (status != SetupTokenStatus.Valid)
        {
            throw new InvalidRequestException(nameof(command.Token), Describe(status));
        }

        var strategy = db.Database.CreateExecutionStrategy();
        return await strategy.ExecuteAsync(async () =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var now = time.GetUtcNow();
            var hash = Hash(command.Token);
            int consumed;
            try
            {
                consumed = await db.SetupTokens
                    .Where(t => t.TokenHash == hash && t.UsedAt == null && t.RevokedAt == null && t.ExpiresAt > now)
                    .ExecuteUpdateAsync(s => s.SetProperty(t => t.UsedAt, now), cancellationToken);
            }
            catch (Exception ex) when (DatabaseErrors.IsUniqueViolation(ex))
            {
                // Another token, issued by another node, was consumed first: setup is done.
                consumed = 0;
            }

            if (consumed != 1 || await IsCompleteAsync(cancellationToken))
            {
                throw new InvalidRequestException(nameof(command.Token), Describe(SetupTokenStatus.AlreadyUsed));
            }

            if (!await roles.RoleExistsAsync(CustosRoles.Administrator))
            {
                ThrowIfFailed(await roles.CreateAsync(new CustosRole(CustosRoles.Administrator)), nameof(command.Email));
            }

            var user = new CustosUser
            {
                Id = Guid.CreateVersion7(now),
                UserName = command.Email.Trim(),
                Email = command.Email.Trim(),
                EmailConfirmed = true,
                DisplayName = command.DisplayName.Trim(),
                CreatedAt = now,
            };
            ThrowIfFailed(await users.CreateAsync(user, command.Password), nameof(command.Password));
            ThrowIfFailed(await users.AddToRoleAsync(user, CustosRoles.Administrator), nameof(command.Email));

            await transaction.CommitAsync(cancellationToken);
            return user.Id;
        });
    }

    public static string Describe(SetupTokenStatus status) => status switch
    {
        SetupTokenStatus.Valid => "The setup link is valid.",
        SetupTokenStatus.Unknown => "This setup link is not valid. Use the most recent link printed in the Custos console, or restart Custos to print a new one.",
        SetupTokenStatus.Expired => "This setup link has expired (links last 30 minutes). Restart Custos to print a new one.",
        SetupTokenStatus.AlreadyUsed => "This setup link has already been used. Sign in instead, or restart Custos to print a new link if no administrator exists.",
        SetupTokenStatus.SetupAlreadyComplete => "Setup is already complete. Sign in with your account.",
    };

    private static void ThrowIfFailed(IdentityResult result, string field)
    {
        if (!result.Succeeded)
        {
            throw new InvalidRequestException(new Dictionary<string, string[]>(StringComparer.Ordinal)
            {
                [field] = result.Errors.Select(e => e.Description).ToArray(),
            });
        }
    }

    private static string Hash(string token) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token.Trim())));

    private sealed class AdministratorValidator : AbstractValidator<CreateFirstAdministrator>
    {
        public AdministratorValidator()
        {
            RuleFor(c => c.DisplayName).NotEmpty().WithMessage("Enter your name.").MaximumLength(200);
            RuleFor(c => c.Email).Cascade(CascadeMode.Stop).NotEmpty().WithMessage("Enter your work email address.")
                .EmailAddress().WithMessage("Enter an email address such as name@example.com.").MaximumLength(256);
            RuleFor(c => c.Password).Cascade(CascadeMode.Stop).NotEmpty().WithMessage("Choose a password.")
                .MinimumLength(IdentityDefaults.MinimumPasswordLength)
                .WithMessage($"Use at least {IdentityDefaults.MinimumPasswordLength} characters; a passphrase of several words is easiest to remember.")
                .MaximumLength(IdentityDefaults.MaximumPasswordLength)
                .WithMessage($"Use at most {IdentityDefaults.MaximumPasswordLength} characters.");
        }
    }
}
