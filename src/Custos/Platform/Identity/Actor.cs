namespace Custos.Platform.Identity;

public enum ActorKind
{
    User,
    ApiKey,
    Operator,
    System,
    Anonymous,
}

/// <summary>Who is acting: recorded on every change and, later, in the audit ledger.</summary>
public sealed record Actor(ActorKind Kind, string Id, string DisplayName)
{
    public static readonly Actor System = new(ActorKind.System, "system", "Custos");

    public static readonly Actor Anonymous = new(ActorKind.Anonymous, "anonymous", "Anonymous");

    public override string ToString() => $"{Kind}:{Id}";
}

/// <summary>The host says who is acting: the signed-in user on the web, the operator on the CLI.</summary>
public interface ICurrentActor
{
    Actor Actor { get; }
}

/// <summary>Used where no person is acting (start-up, demo seeding without an operator).</summary>
public sealed class SystemActor : ICurrentActor
{
    public Actor Actor => Actor.System;
}
