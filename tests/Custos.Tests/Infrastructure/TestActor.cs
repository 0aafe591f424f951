using Custos.Platform.Identity;

namespace Custos.Tests.Infrastructure;

/// <summary>The person a test acts as; change <see cref="Actor"/> to act as someone else.</summary>
public sealed class TestActor : ICurrentActor
{
    public static readonly Actor Default = new(ActorKind.User, "test-user", "Test User");

    public Actor Actor { get; set; } = Default;
}
