using Custos.Modules.Safeguards.Contracts;
using Custos.Platform.Identity;
using Custos.Platform.Persistence;
using Custos.Platform.Validation;
using FluentValidation;

namespace Custos.Modules.Safeguards;

/// <param name="Kind">What the link points at: <c>policy</c>, <c>risk</c>, <c>monitoring-check</c>, <c>ticket</c> or another short kind.</param>
/// <param name="Target">A URL or the id of a record in another module.</param>
public sealed record AddImplementationLinkCommand(string RequirementKey, string Kind, string Target, string Title);

public sealed record ImplementationLinkView(Guid Id, string RequirementKey, string Kind, string Target, string Title, DateTimeOffset AddedAt, string AddedBy);

/// <summary>Links an implementation to a policy, risk, monitoring check or other record that supports it.</summary>
public sealed class AddImplementationLink(AppDbContext db, IRequirementDirectory requirements, TimeProvider time, ICurrentActor actor)
{
    public async Task<ImplementationLinkView> HandleAsync(AddImplementationLinkCommand command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        await new Validator().ValidateOrThrowAsync(command, cancellationToken);
        await ImplementationRecords.RequireAsync(requirements, command.RequirementKey, cancellationToken);
        var now = time.GetUtcNow();
        var link = new ImplementationLink(Guid.CreateVersion7(now), command.RequirementKey, command.Kind.Trim().ToLowerInvariant(), command.Target.Trim(), command.Title.Trim(), now, actor.Actor.DisplayName);
        db.Add(link);
        await db.SaveChangesAsync(cancellationToken);
        return new ImplementationLinkView(link.Id, link.RequirementKey, link.Kind, link.Target, link.Title, link.AddedAt, link.AddedBy);
    }

    private sealed class Validator : AbstractValidator<AddImplementationLinkCommand>
    {
        public Validator()
        {
            RuleFor(c => c.RequirementKey).NotEmpty().WithMessage("Name the requirement.");
            RuleFor(c => c.Kind).NotEmpty().MaximumLength(40).Matches("^[A-Za-z][A-Za-z0-9-]*$")
                .WithMessage("Give the kind as one short word such as policy, risk or monitoring-check.");
            RuleFor(c => c.Target).NotEmpty().MaximumLength(1000).WithMessage("Give the link's URL or record id (up to 1000 characters).");
            RuleFor(c => c.Title).NotEmpty().MaximumLength(300).WithMessage("Give the link a title (up to 300 characters).");
        }
    }
}
