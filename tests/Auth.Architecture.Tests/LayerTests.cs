using System.Reflection;
using System.Text.Json;
using NetArchTest.Rules;

namespace Auth.Architecture.Tests;

/// <summary>References point inward only: Api → Infrastructure → Application → Domain (STYLE.md).</summary>
public sealed class LayerTests
{
    private static readonly Assembly Domain = typeof(Auth.Domain.Users.User).Assembly;
    private static readonly Assembly Application = typeof(Auth.Application.DependencyInjection).Assembly;
    private static readonly Assembly Infrastructure = typeof(Auth.Infrastructure.DependencyInjection).Assembly;

    /// <summary>
    /// What the use cases reach only through ports (STYLE.md, docs/decisions/0007): OpenIddict, and EF Core beyond
    /// DbSet and IQueryable (the database facade, the change tracker, transactions and other storage types).
    /// </summary>
    private static readonly string[] BehindPorts =
    [
        "OpenIddict",
        "Microsoft.EntityFrameworkCore.Infrastructure",
        "Microsoft.EntityFrameworkCore.ChangeTracking",
        "Microsoft.EntityFrameworkCore.Storage",
    ];

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
    public void The_application_layer_reaches_openiddict_and_ef_core_internals_only_through_ports() =>
        AssertNoDependency(Application, BehindPorts);

    [Test]
    public void The_domain_reaches_neither_openiddict_nor_ef_core() =>
        AssertNoDependency(Domain, ["Microsoft.EntityFrameworkCore", .. BehindPorts]);

    /// <summary>The rule above sees types in signatures, fields and method bodies, async ones included.</summary>
    [TestCase(typeof(LayerViolations.HoldsTheDatabaseFacade))]
    [TestCase(typeof(LayerViolations.ClearsTheChangeTracker))]
    [TestCase(typeof(LayerViolations.BeginsATransactionOnTheFacade))]
    [TestCase(typeof(LayerViolations.AsksOpenIddictDirectly))]
    public void The_rule_catches_a_use_case_that_reaches_past_the_ports(Type offender)
    {
        var result = Types.InAssembly(offender.Assembly)
            .That().ResideInNamespace(offender.Namespace).And().HaveNameStartingWith(offender.Name)
            .ShouldNot().HaveDependencyOnAny(BehindPorts).GetResult();

        Assert.That(result.IsSuccessful, Is.False, $"{offender.Name} passed the rule.");
    }

    /// <summary>
    /// OpenIddict's constants are copied into the code that uses them, leaving no reference for the rule above to find:
    /// only a project that cannot compile against OpenIddict is sure not to use them.
    /// </summary>
    [Test]
    public void The_application_and_domain_projects_do_not_build_against_openiddict()
    {
        var packages = ProjectDependencies("Auth.Application").Concat(ProjectDependencies("Auth.Domain")).ToList();

        Assert.That(packages, Has.None.StartsWith("OpenIddict"));
    }

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

    /// <summary>Every package a project builds against, directly or through another, from this test's dependency manifest.</summary>
    private static HashSet<string> ProjectDependencies(string project)
    {
        using var manifest = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Auth.Architecture.Tests.deps.json")));
        var libraries = manifest.RootElement.GetProperty("targets").EnumerateObject().First().Value;
        var found = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Stack<string>([libraries.EnumerateObject().Single(l => l.Name.StartsWith(project + "/", StringComparison.Ordinal)).Name]);
        while (pending.TryPop(out var library))
        {
            if (!libraries.TryGetProperty(library, out var entry) || !entry.TryGetProperty("dependencies", out var dependencies))
            {
                continue;
            }

            foreach (var dependency in dependencies.EnumerateObject())
            {
                if (found.Add(dependency.Name))
                {
                    pending.Push($"{dependency.Name}/{dependency.Value.GetString()}");
                }
            }
        }

        return found;
    }

    private static List<string> Names(Assembly assembly) => assembly.GetReferencedAssemblies().Select(a => a.Name!).ToList();

    private static void AssertNoDependency(Assembly assembly, params string[] forbidden)
    {
        var result = Types.InAssembly(assembly).ShouldNot().HaveDependencyOnAny(forbidden).GetResult();
        Assert.That(result.IsSuccessful, Is.True,
            $"{assembly.GetName().Name} depends on {string.Join(", ", forbidden)} through: {string.Join(", ", result.FailingTypeNames ?? [])}");
    }
}
