using Custos.Modules.Safeguards.Contracts;
using Custos.Platform.Persistence;
using Custos.Platform.Validation;
using Microsoft.EntityFrameworkCore;

namespace Custos.Modules.Safeguards;

/// <summary>Loads or starts the implementation row of a requirement, and saves a change with its history entry.</summary>
internal static class ImplementationRecords
{
    public static async Task<RequirementFacts> RequireAsync(IRequirementDirectory requirements, string key, CancellationToken cancellationToken) =>
        await requirements.FindAsync(key, cancellationToken)
            ?? throw new RecordNotFoundException("requirement", key);

    public static async Task<ControlImplementation> LoadOrStartAsync(AppDbContext db, string key, DateTimeOffset now, string by, CancellationToken cancellationToken) =>
        await db.Set<ControlImplementation>().FirstOrDefaultAsync(i => i.RequirementKey == key, cancellationToken)
            ?? db.Add(new ControlImplementation(Guid.CreateVersion7(now), key, now, by)).Entity;

    /// <summary>Saves the change and its before/after history row together; a simultaneous first write is reported, not lost.</summary>
    public static async Task SaveAsync(AppDbContext db, ControlImplementation implementation, string what, ImplementationState before, DateTimeOffset now, string by, CancellationToken cancellationToken)
    {
        db.Add(new ImplementationChange(Guid.CreateVersion7(now), implementation.RequirementKey, what,
            RequirementRegister.WriteState(before), RequirementRegister.WriteState(implementation.State), now, by));
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException ex) when (DatabaseErrors.IsUniqueViolation(ex))
        {
            db.ChangeTracker.Clear();
            throw new InvalidRequestException("requirementKey", "Someone else recorded this requirement's implementation at the same moment. Reload it and apply your change again.");
        }
    }

    public static string? Clean(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
