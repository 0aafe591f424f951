using Custos.Platform.Identity.Passwords;
using Custos.Platform.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Custos.Modules.Organization;

/// <summary>The organization's name, which passwords must not contain (NIST SP 800-63B 3.1.1.2: context-specific words).</summary>
internal sealed class OrganizationPasswordWords(AppDbContext db) : IPasswordContextWords
{
    public async Task<IReadOnlyList<string>> GetAsync(CancellationToken cancellationToken)
    {
        var name = await db.Set<OrganizationProfile>().AsNoTracking().Select(p => p.LegalName).SingleOrDefaultAsync(cancellationToken);
        return string.IsNullOrWhiteSpace(name) ? [] : [name];
    }
}
