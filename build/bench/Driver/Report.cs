using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Auth.Bench;

/// <summary>Turns a run's results.jsonl into the Markdown table (printed and saved) and the JSON file.</summary>
internal static class Report
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <summary>A table row: a measurement of a store, compared with a reference where there is one.</summary>
    private sealed record RowSpec(string Title, string Scenario, string? ReferenceStore, string? ReferenceScenario, string? ReferenceLabel, Func<Observed, string?>? Target);

    /// <summary>What a row's target is judged on: the value, its ratio to the reference, CPU ms a request, p99 ms.</summary>
    private sealed record Observed(double Value, double Ratio, double? Cpu, double? P99);

    // The targets are issue #15's (docs/performance.md, "Targets"); the ceiling row is the earlier, looser one.
    private static readonly RowSpec[] Rows =
    [
        new("1. client_credentials, Basic, RS256 JWT (32 conns)", "client_credentials", "machine", "rs256_ceiling_all_cores", "RS256 signing ceiling, all cores",
            o => Verdict(o.Ratio >= 0.40, "≥ 40% of ceiling")),
        new("1. client_credentials vs peer", "client_credentials", "peer", "client_credentials", "oidc-provider, 2 workers",
            o => Verdict(o.Ratio >= 1 && o.Cpu <= 0.6, "≥ the peer, ≤ 0.6 CPU ms")),
        new("1b. client_credentials, rate limiting on (huge buckets)", "client_credentials_rate_limited", null, "client_credentials", "same, rate limiting off", null),
        new("2. introspection of a valid access token", "introspection", "peer", "introspection", "oidc-provider (opaque token)",
            o => Verdict(o.Ratio >= 1 && o.Cpu <= 0.3, "≥ the peer, ≤ 0.3 CPU ms")),
        new("3. GET /jwks.json", "jwks", "framework", "jwks", "trivial ASP.NET Core endpoint, same bytes",
            o => Verdict(o.Ratio >= 0.80, "≥ 80% of framework")),
        new("3. GET /.well-known/openid-configuration", "discovery", "framework", "discovery", "trivial ASP.NET Core endpoint, same bytes",
            o => Verdict(o.Ratio >= 0.80, "≥ 80% of framework")),
        new("4. SCIM userName eq lookup (100k users)", "scim_lookup_eq", null, null, null, o => Verdict(o.Value >= 2000, "≥ 2,000/s")),
        new("4. SCIM userName eq lookup, 1 connection", "scim_lookup_eq_1conn", null, null, null, o => Verdict(o.P99 <= 5, "p99 ≤ 5 ms")),
        new("4. SCIM sw listing, count=100", "scim_list_sw", null, null, null, null),
        new("4. SCIM POST /Users", "scim_create", null, null, null, null),
        new("4. SCIM seeding through the database (timed apart)", "scim_seed_users", null, null, null, null),
        new("5. POST /mfa/totp/verify, fresh codes", "totp_verify", null, null, null, null),
        new("6. authorization code + PKCE round trip", "authorization_code_pkce_flow", null, null, null, o => Verdict(o.Value >= 400, "≥ 400 flows/s")),
        new("7. password sign-in", "signin_password", "machine", "pbkdf2_ceiling", "PBKDF2 ceiling (cores / one hash)", null),
        new("8. start-up to first /health 200", "startup_to_first_health_200", "framework", "startup_to_first_health_200", "trivial ASP.NET Core app",
            o => Verdict(o.Ratio <= 1.5, "≤ 1.5× the trivial app")),
        new("8b. ephemeral start-up (--ephemeral: in-memory store created and seeded) to first /health 200", "startup_ephemeral", "framework", "startup_to_first_health_200", "trivial ASP.NET Core app",
            o => Verdict(o.Value <= 1000, "≤ 1.0 s median")),
        new("8c. ephemeral start-up as 8b, self-contained composite ReadyToRun publish (docs/testing.md)", "startup_ephemeral_composite", "framework", "startup_to_first_health_200", "trivial ASP.NET Core app",
            o => Verdict(o.Value <= 1000, "≤ 1.0 s median")),
        new("8d. ephemeral start-up as 8b, W^X off as Auth.Testing and the node sample start it (DOTNET_EnableWriteXorExecute=0)", "startup_ephemeral_no_wx", "framework", "startup_to_first_health_200", "trivial ASP.NET Core app",
            o => Verdict(o.Value <= 1000, "≤ 1.0 s median")),
        new("8e. ephemeral start-up as 8c (composite publish), W^X off", "startup_ephemeral_composite_no_wx", "framework", "startup_to_first_health_200", "trivial ASP.NET Core app",
            o => Verdict(o.Value <= 1000, "≤ 1.0 s median")),
        new("8. RSS idle", "rss_idle", null, null, null, o => Verdict(o.Value <= 120, "≤ 120 MB")),
        new("8. RSS after scenario 1", "rss_after_client_credentials", null, null, null, null),
        new("9. propagation: revoked at A → inactive at B, median", "propagation_revocation_median", null, null, null, null),
        new("9. propagation: revoked at A → inactive at B, max", "propagation_revocation_max", null, null, null, o => Verdict(o.Value <= 1000, "≤ 1 s")),
        new("9. propagation: user deactivated at A → refused at B, median", "propagation_deactivation_median", null, null, null, null),
        new("9. propagation: user deactivated at A → refused at B, max", "propagation_deactivation_max", null, null, null, o => Verdict(o.Value <= 1000, "≤ 1 s")),
    ];

    public static int Write(Arguments args)
    {
        var measurements = File.ReadLines(args.Text("results"))
            .Where(line => line.StartsWith('{'))
            .Select(line => JsonSerializer.Deserialize<Measurement>(line)!)
            .ToList();
        AddPbkdf2Ceiling(measurements);
        var stores = measurements.Select(m => m.Store).Where(s => s is "sqlite" or "postgres").Distinct().ToList();
        var table = new StringBuilder();
        var rows = new List<object>();
        table.AppendLine("| store | scenario | this service | reference | ratio | p50 ms | p99 ms | CPU ms/req | target |");
        table.AppendLine("|---|---|---|---|---|---|---|---|---|");
        foreach (var store in stores)
        {
            foreach (var spec in Rows)
            {
                var measured = Find(measurements, store, spec.Scenario);
                if (measured is null)
                {
                    continue;
                }

                var reference = spec.ReferenceScenario is null ? null : Find(measurements, spec.ReferenceStore ?? store, spec.ReferenceScenario);
                double? ratio = reference is { Value: > 0 } ? measured.Value / reference.Value : null;
                var cpu = Find(measurements, store, spec.Scenario + "_cpu");
                var target = spec.Target?.Invoke(new Observed(measured.Value, ratio ?? double.NaN, cpu?.Value, measured.P99Ms));

                table.AppendLine(string.Join(" | ",
                    "| " + store, spec.Title, $"{Number(measured.Value)} {measured.Unit}" + (measured.Errors > 0 ? $" ({measured.Errors} errors)" : string.Empty),
                    reference is null ? "–" : $"{spec.ReferenceLabel}: {Number(reference.Value)} {reference.Unit}",
                    ratio is null ? "–" : ratio.Value.ToString("P0", Invariant),
                    Number(measured.P50Ms), Number(measured.P99Ms), Number(cpu?.Value), (target ?? "–") + " |"));
                rows.Add(new
                {
                    store,
                    scenario = spec.Title,
                    key = spec.Scenario,
                    value = measured.Value,
                    unit = measured.Unit,
                    reference = reference is null ? null : new { label = spec.ReferenceLabel, value = reference.Value, unit = reference.Unit },
                    ratio,
                    p50_ms = measured.P50Ms,
                    p99_ms = measured.P99Ms,
                    errors = measured.Errors,
                    cpu_ms_per_request = cpu?.Value,
                    target,
                    note = measured.Note,
                });
            }
        }

        table.AppendLine();
        foreach (var reference in measurements.Where(m => m.Store is "machine" or "framework" or "peer"))
        {
            table.AppendLine(string.Create(Invariant, $"- {reference.Store} {reference.Scenario}: {Number(reference.Value)} {reference.Unit}") +
                (reference.P99Ms is { } p ? $" (p50 {Number(reference.P50Ms)} ms, p99 {Number(p)} ms)" : string.Empty) +
                (reference.Note is null ? string.Empty : $" — {reference.Note}"));
        }

        foreach (var note in measurements.Where(m => m.Store is "sqlite" or "postgres" && m.Note is not null && !m.Scenario.EndsWith("_cpu", StringComparison.Ordinal) &&
                                                         !m.Note.StartsWith("wrk,", StringComparison.Ordinal) && !m.Note.StartsWith("VmRSS", StringComparison.Ordinal)))
        {
            table.AppendLine($"- {note.Store} {note.Scenario}: {note.Note}");
        }

        var markdown = table.ToString();
        Console.Write(markdown);
        File.WriteAllText(args.Text("markdown"), markdown);
        File.WriteAllText(args.Text("json"), JsonSerializer.Serialize(new { machine = args.Optional("machine"), rows, measurements }, new JsonSerializerOptions { WriteIndented = true, NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals }));
        return 0;
    }

    /// <summary>The most sign-ins per second the hash allows: every core hashing, nothing else.</summary>
    private static void AddPbkdf2Ceiling(List<Measurement> measurements)
    {
        if (Find(measurements, "machine", "pbkdf2_sha512_210k_one_hash") is { Value: > 0 } hash)
        {
            measurements.Add(new Measurement("machine", "pbkdf2_ceiling", Environment.ProcessorCount * 1000 / hash.Value, "hashes/s")
            {
                Note = string.Create(Invariant, $"{Environment.ProcessorCount} cores × 1000 / {hash.Value:F1} ms per hash"),
            });
        }
    }

    private static Measurement? Find(List<Measurement> measurements, string store, string scenario) =>
        measurements.LastOrDefault(m => m.Store == store && m.Scenario == scenario);

    private static string Verdict(bool met, string target) => (met ? "met " : "MISSED ") + target;

    private static string Number(double? value) => value switch
    {
        null => "–",
        double v when double.IsNaN(v) => "–",
        >= 100 => value.Value.ToString("N0", Invariant),
        >= 10 => value.Value.ToString("F1", Invariant),
        _ => value.Value.ToString("F2", Invariant),
    };
}
