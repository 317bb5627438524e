using Auth.Infrastructure.Persistence;
using Auth.Infrastructure.Persistence.CompiledModels.Postgres;
using Auth.Infrastructure.Persistence.CompiledModels.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;

namespace Auth.Infrastructure.Tests.Persistence;

/// <summary>
/// The service runs on the compiled EF Core models in Persistence/CompiledModels (a start does not build the model
/// from the entity configurations: docs/performance.md, issue #15). A compiled model is generated code: after a change
/// to an entity or its configuration it must be generated again, or the service would run on the old model. These
/// tests compare it with the model the configurations build; when one fails, run from the repository root
/// <c>dotnet ef dbcontext optimize -p src/Auth.Infrastructure -s src/Auth.Infrastructure -c SqliteAuthDbContext
/// -o Persistence/CompiledModels/Sqlite -n Auth.Infrastructure.Persistence.CompiledModels.Sqlite</c> and the same
/// with <c>PostgresAuthDbContext</c> and <c>Postgres</c>.
/// </summary>
[TestFixture(DatabaseProvider.Sqlite)]
[TestFixture(DatabaseProvider.Postgres)]
public sealed class CompiledModelTests(DatabaseProvider provider)
{
    [Test]
    public void The_context_runs_on_the_compiled_model()
    {
        using var db = NewContext();

        var compiled = provider == DatabaseProvider.Sqlite ? SqliteAuthDbContextModel.Instance : PostgresAuthDbContextModel.Instance;
        Assert.That(db.Model, Is.SameAs(compiled));
    }

    [Test]
    public void The_compiled_model_has_the_tables_columns_keys_and_indexes_the_configurations_build()
    {
        using var db = NewContext();
        var configured = db.GetService<IDesignTimeModel>().Model;

        // The compiled model keeps what a running context reads (no design-time annotations), so the two are compared
        // through that: each table's columns, keys, indexes and foreign keys.
        Assert.That(Describe(db.Model), Is.EqualTo(Describe(configured)), "Generate the compiled model again (see this class's summary).");
    }

    private static List<string> Describe(IModel model) =>
        model.GetRelationalModel().Tables.OrderBy(t => t.SchemaQualifiedName, StringComparer.Ordinal).SelectMany(table =>
            new[] { $"table {table.SchemaQualifiedName}" }
                .Concat(table.Columns.Select(c => $"  column {c.Name} {c.StoreType} {(c.IsNullable ? "null" : "not null")} {c.ProviderClrType.Name}"))
                .Concat(table.PrimaryKey is { } key ? [$"  primary key {Names(key.Columns)}"] : [])
                .Concat(table.UniqueConstraints.Select(u => $"  unique {u.Name} {Names(u.Columns)}"))
                .Concat(table.Indexes.Select(i => $"  index {i.Name} {Names(i.Columns)} {(i.IsUnique ? "unique" : "")} {i.Filter}"))
                .Concat(table.ForeignKeyConstraints.Select(f =>
                    $"  foreign key {f.Name} {Names(f.Columns)} -> {f.PrincipalTable.SchemaQualifiedName} {Names(f.PrincipalColumns)} {f.OnDeleteAction}")))
            .Select(line => line.TrimEnd())
            .ToList();

    private static string Names(IEnumerable<IColumn> columns) => string.Join(",", columns.Select(c => c.Name));

    private AuthDbContext NewContext() => provider == DatabaseProvider.Sqlite
        ? new SqliteDesignTimeContextFactory().CreateDbContext([])
        : new PostgresDesignTimeContextFactory().CreateDbContext([]);
}
