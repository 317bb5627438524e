using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using OtpNet;

namespace Auth.Bench;

/// <summary>
/// Scenario 5: POST /mfa/totp/verify with valid fresh codes. Each 30-second step is accepted once per user, so the
/// driver enrols many users, waits for a new step, and sends every user's current code once, as fast as the server
/// answers: that burst measures verifications per second; the sustained rate can never exceed users / 30 s.
/// </summary>
internal static class TotpScenario
{
    public static async Task<int> RunAsync(Arguments args)
    {
        var baseAddress = new Uri(args.Text("url"));
        var users = args.Int("users", 200);
        var concurrency = args.Int("vus", 32);
        var enrolled = new (HttpClient Http, Totp Totp)[users];
        var enrolWatch = Stopwatch.StartNew();
        await Parallel.ForEachAsync(Enumerable.Range(0, users), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (i, ct) =>
        {
            using var browser = new Browser(baseAddress);
            await browser.SignInAsync(string.Create(CultureInfo.InvariantCulture, $"{args.Text("prefix")}{i:D3}"), args.Text("password"));
            var token = await browser.AuthorizationCodeFlowAsync("openid mfa");
            var http = new HttpClient { BaseAddress = baseAddress };
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
            using var generated = await http.PostAsync(new Uri("/mfa/totp/generate", UriKind.Relative), null, ct);
            var secret = (await generated.Content.ReadFromJsonAsync<JsonElement>(ct)).GetProperty("secret").GetString()!;
            var totp = new Totp(Base32Encoding.ToBytes(secret));
            using var confirmed = await http.PostAsJsonAsync(new Uri("/mfa/totp/verify", UriKind.Relative), new { code = totp.ComputeTotp() }, ct);
            if (!confirmed.IsSuccessStatusCode)
            {
                throw new InvalidOperationException($"enrolment answered {(int)confirmed.StatusCode}: {await confirmed.Content.ReadAsStringAsync(ct)}");
            }

            enrolled[i] = (http, totp);
        });
        var enrolSeconds = enrolWatch.Elapsed.TotalSeconds;

        // The enrolment used the current step: wait for the next one, so every user has a code not yet spent.
        var now = DateTimeOffset.UtcNow;
        await Task.Delay(TimeSpan.FromSeconds(30 - (now.ToUnixTimeMilliseconds() / 1000.0 % 30) + 0.2));
        var latencies = new Latencies();
        var next = -1;
        var watch = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(_ => Task.Run(async () =>
        {
            for (var i = Interlocked.Increment(ref next); i < users; i = Interlocked.Increment(ref next))
            {
                var (http, totp) = enrolled[i];
                var start = Stopwatch.GetTimestamp();
                using var verified = await http.PostAsJsonAsync(new Uri("/mfa/totp/verify", UriKind.Relative), new { code = totp.ComputeTotp() });
                if (verified.IsSuccessStatusCode)
                {
                    latencies.Add(Stopwatch.GetElapsedTime(start));
                }
                else
                {
                    latencies.Fail();
                }
            }
        })));
        var burstSeconds = watch.Elapsed.TotalSeconds;
        foreach (var (http, _) in enrolled)
        {
            http.Dispose();
        }

        new Measurement(args.Text("store"), "totp_verify", latencies.Count / burstSeconds, "verifications/s")
        {
            P50Ms = latencies.Percentile(50),
            P99Ms = latencies.Percentile(99),
            Errors = latencies.Errors,
            Note = string.Create(CultureInfo.InvariantCulture,
                $"burst of {users} users' fresh codes at {concurrency} connections in {burstSeconds:F2} s; sustained rate is capped at users/30 s = {users / 30.0:F1}/s by one-use-per-step; enrolling {users} users took {enrolSeconds:F1} s"),
        }.Print();
        return 0;
    }
}
