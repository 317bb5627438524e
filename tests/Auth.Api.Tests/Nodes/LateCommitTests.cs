using Auth.Api.Tests.Hosting;
using Auth.Infrastructure.AccessChanges;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Auth.Api.Tests.Nodes;

/// <summary>
/// PostgreSQL hands out a change row's id when it is written, not when it commits: a change written by a transaction
/// that stays open (a seed file hashing thousands of passwords, a slow writer on another node) commits below ids the
/// feed has already read. The feed still applies it, however late it commits (review finding on ADR 0013: a window of
/// 30 s on the writer's clock missed it for ever).
/// </summary>
public sealed class LateCommitTests(StoreKind store) : ServerTest(store)
{
    [Test]
    public async Task A_change_committed_long_after_later_changes_were_read_still_counts()
    {
        if (StoreKind != StoreKind.Postgres)
        {
            Assert.Ignore("PostgreSQL only: SQLite commits one writer at a time, in id order.");
        }

        var revocations = Server.Services.GetRequiredService<AccessRevocations>();
        var issuedBefore = Server.Clock.GetUtcNow().ToUnixTimeMilliseconds() - 1;
        await using var slow = new NpgsqlConnection(Server.Store.PostgresConnectionString);
        await slow.OpenAsync();
        await using var transaction = await slow.BeginTransactionAsync();
        await InsertCutOffAsync(slow, "late-subject", transaction);

        // A later change commits and is read while the first is still open.
        await using (var quick = new NpgsqlConnection(Server.Store.PostgresConnectionString))
        {
            await quick.OpenAsync();
            await InsertCutOffAsync(quick, "quick-subject", transaction: null);
        }

        Assert.That(await Eventually.HoldsAsync(() => revocations.IsRevoked(null, issuedBefore, "quick-subject", null, null), TimeSpan.FromSeconds(10)),
            "the later change is read");
        Assert.That(revocations.IsRevoked(null, issuedBefore, "late-subject", null, null), Is.False, "the open transaction's change is not visible yet");

        // Long after, by every clock the feed could use, the first commits.
        Server.Clock.Advance(TimeSpan.FromMinutes(2));
        await transaction.CommitAsync();
        await using (var notify = new NpgsqlCommand("NOTIFY " + AccessChangeWriter.Channel, slow))
        {
            await notify.ExecuteNonQueryAsync();
        }

        Assert.That(await Eventually.HoldsAsync(() => revocations.IsRevoked(null, issuedBefore, "late-subject", null, null), TimeSpan.FromSeconds(10)),
            "the change committed late counts");
    }

    // As AccessChangeWriter writes it on another node: a subject cut-off at the current time, in force for an hour.
    private async Task InsertCutOffAsync(NpgsqlConnection connection, string subject, NpgsqlTransaction? transaction)
    {
        var now = Server.Clock.GetUtcNow();
        await using var insert = new NpgsqlCommand(
            """
            INSERT INTO "AccessChanges" ("Kind", "Key", "At", "Expires", "TransactionId")
            VALUES (@kind, @key, @at, @expires, pg_current_xact_id()::text::bigint)
            """, connection, transaction);
        insert.Parameters.AddWithValue("kind", (int)AccessChangeKind.SubjectCutOff);
        insert.Parameters.AddWithValue("key", subject);
        insert.Parameters.AddWithValue("at", now.ToUnixTimeMilliseconds());
        insert.Parameters.AddWithValue("expires", (now + TimeSpan.FromHours(1)).ToUnixTimeMilliseconds());
        await insert.ExecuteNonQueryAsync();
        if (transaction is null)
        {
            await using var notify = new NpgsqlCommand("NOTIFY " + AccessChangeWriter.Channel, connection);
            await notify.ExecuteNonQueryAsync();
        }
    }
}
