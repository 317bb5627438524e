using System.Globalization;

namespace Auth.Bench;

/// <summary>Scenario 6: authorize → code → token round trips per second for signed-in sessions.</summary>
internal static class CodeFlowScenario
{
    public static async Task<int> RunAsync(Arguments args)
    {
        var baseAddress = new Uri(args.Text("url"));
        var virtualUsers = args.Int("vus", 32);
        var browsers = Enumerable.Range(0, virtualUsers).Select(_ => new Browser(baseAddress)).ToArray();
        try
        {
            // One sign-in per virtual user, a few at a time (each costs a password hash on the server).
            await Parallel.ForEachAsync(Enumerable.Range(0, virtualUsers), new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (vu, _) =>
                await browsers[vu].SignInAsync(string.Create(CultureInfo.InvariantCulture, $"{args.Text("prefix")}{vu:D3}"), args.Text("password")));
            var (latencies, perSecond) = await Load.RunAsync(virtualUsers, Load.Seconds(args, "warmup", 2), Load.Seconds(args, "seconds", 10),
                vu => browsers[vu].AuthorizationCodeFlowAsync());
            new Measurement(args.Text("store"), "authorization_code_pkce_flow", perSecond, "flows/s")
            {
                P50Ms = latencies.Percentile(50),
                P99Ms = latencies.Percentile(99),
                Errors = latencies.Errors,
                Note = $"{virtualUsers} signed-in sessions, public client with PKCE, scope openid (access + ID token)",
            }.Print();
            return 0;
        }
        finally
        {
            foreach (var browser in browsers)
            {
                browser.Dispose();
            }
        }
    }
}
