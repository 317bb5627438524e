using System.Reflection;
using NetArchTest.Rules;

namespace Auth.Architecture.Tests;

/// <summary>References point inward only: Api → Infrastructure → Application → Domain (STYLE.md).</summary>
public sealed class LayerTests
{
    private static readonly Assembly Domain = typeof(Auth.Domain.Users.User).Assembly;
    private static readonly Assembly Application = typeof(Auth.Application.DependencyInjection).Assembly;
    private static readonly Assembly Infrastructure = typeof(Auth.Infrastructure.DependencyInjection).Assembly;

    [Test]
    public void The_domain_references_no_framework_package()
    {
        var references = Domain.GetReferencedAssemblies().Select(a => a.Name!).ToList();

        Assert.That(references, Is.All.Matches<string>(name => name == "System.Runtime" || name.StartsWith("System.", StringComparison.Ordinal)),
            "Domain may only use the base class library.");
    }

    [Test]
    public void The_domain_depends_on_no_other_layer() =>
        AssertNoDependency(Domain, "Auth.Application", "Auth.Infrastructure", "Auth.Api", "Microsoft", "OpenIddict", "Mediator", "FluentValidation");

    [Test]
    public void The_application_layer_does_not_depend_on_infrastructure_or_the_api() =>
        AssertNoDependency(Application, "Auth.Infrastructure", "Auth.Api", "Microsoft.AspNetCore", "Npgsql", "Microsoft.EntityFrameworkCore.Sqlite");

    [Test]
    public void Infrastructure_does_not_depend_on_the_api() =>
        AssertNoDependency(Infrastructure, "Auth.Api", "OpenIddict.Server");

    [Test]
    public void Project_references_point_inward_only()
    {
        Assert.Multiple(() =>
        {
            Assert.That(Names(Domain), Has.None.StartsWith("Auth."));
            Assert.That(Names(Application).Where(n => n.StartsWith("Auth.", StringComparison.Ordinal)), Is.EquivalentTo(new[] { "Auth.Domain" }));
            Assert.That(Names(Infrastructure), Does.Not.Contain("Auth.Api"));
        });
    }

    [Test]
    public void Handlers_live_in_the_application_layer()
    {
        var handlers = Types.InAssemblies([Infrastructure, typeof(Program).Assembly])
            .That().ImplementInterface(typeof(Mediator.IRequestHandler<,>))
            .Or().ImplementInterface(typeof(Mediator.ICommandHandler<,>))
            .Or().ImplementInterface(typeof(Mediator.IQueryHandler<,>))
            .GetTypes()
            .Where(t => t.Namespace?.StartsWith("Mediator", StringComparison.Ordinal) != true)
            .ToList();

        Assert.That(handlers, Is.Empty);
    }

    private static List<string> Names(Assembly assembly) => assembly.GetReferencedAssemblies().Select(a => a.Name!).ToList();

    private static void AssertNoDependency(Assembly assembly, params string[] forbidden)
    {
        var result = Types.InAssembly(assembly).ShouldNot().HaveDependencyOnAny(forbidden).GetResult();
        Assert.That(result.IsSuccessful, Is.True,
            $"{assembly.GetName().Name} depends on {string.Join(", ", forbidden)} through: {string.Join(", ", result.FailingTypeNames ?? [])}");
    }
}
