using System.Data.Common;
using System.Text.RegularExpressions;
using Auth.Api.Tests.Hosting;
using Auth.Application.Scim.Filters;
using Auth.Application.Scim.Query;
using Auth.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Auth.Api.Tests.Scim;

/// <summary>The database's plan for the query a SCIM user listing runs: same filter translation and order, a page of 100.</summary>
internal static partial class UserListPlans
{
    public static async Task<string> ExplainAsync(AuthDbContext db, StoreKind store, string filter)
    {
        var predicate = UserFilterTranslator.Translate(ScimFilterParser.Parse(filter).Value!).Value!;
        var order = ScimSort.ForUsers(null, null).Value!;
        var query = order(db.Users.AsNoTracking().Where(predicate)).Skip(0).Take(100);
        return await ExplainSqlAsync(db, store, query.ToQueryString());
    }

    /// <summary>EXPLAIN for PostgreSQL, EXPLAIN QUERY PLAN for SQLite, with the parameters ToQueryString lists bound as literals.</summary>
    private static async Task<string> ExplainSqlAsync(AuthDbContext db, StoreKind store, string queryString)
    {
        var parameters = new Dictionary<string, string>();
        var sql = new List<string>();
        foreach (var line in queryString.Split('\n'))
        {
            var declaration = Declaration().Match(line);
            if (declaration.Success)
            {
                parameters[declaration.Groups["name"].Value] = declaration.Groups["value"].Value;
            }
            else if (!line.StartsWith("--", StringComparison.Ordinal) && !line.StartsWith(".param", StringComparison.Ordinal))
            {
                sql.Add(line);
            }
        }

        var text = string.Join('\n', sql);
        foreach (var (name, value) in parameters.OrderByDescending(p => p.Key.Length))
        {
            text = text.Replace(name, value, StringComparison.Ordinal);
        }

        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync();
        try
        {
            await using DbCommand command = connection.CreateCommand();
            command.CommandText = (store == StoreKind.Postgres ? "EXPLAIN " : "EXPLAIN QUERY PLAN ") + text;
            var lines = new List<string>();
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                lines.Add(reader.GetValue(reader.FieldCount - 1)?.ToString() ?? string.Empty);
            }

            return string.Join('\n', lines);
        }
        finally
        {
            await connection.CloseAsync();
        }
    }

    /// <summary>"-- @p='BULK' (Size = 256)" on PostgreSQL; ".param set @p 'BULK'" on SQLite.</summary>
    [GeneratedRegex(@"^(--\s*|\.param set )(?<name>@\w+)\s*=?\s*(?<value>'(?:[^']|'')*'|\d+)")]
    private static partial Regex Declaration();
}
