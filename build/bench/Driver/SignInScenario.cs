using System.Globalization;
using System.Net;

namespace Auth.Bench;

/// <summary>Scenario 7: password sign-ins per second (GET the login form for its antiforgery token, then POST it).</summary>
internal static class SignInScenario
{
    public static async Task<int> RunAsync(Arguments args)
    {
        var baseAddress = new Uri(args.Text("url"));
        var prefix = args.Text("prefix");
        var password = args.Text("password");
        var virtualUsers = args.Int("vus", 4);
        using var http = Browser.Cookieless(baseAddress);
        var (latencies, perSecond) = await Load.RunAsync(virtualUsers, Load.Seconds(args, "warmup", 2), Load.Seconds(args, "seconds", 10), async vu =>
        {
            using var page = await http.GetAsync(new Uri("/account/login", UriKind.Relative));
            var cookies = string.Join("; ", page.Headers.TryGetValues("Set-Cookie", out var set) ? set.Select(c => c.Split(';')[0]) : []);
            var form = Browser.HiddenFields(await page.Content.ReadAsStringAsync());
            form["UserName"] = string.Create(CultureInfo.InvariantCulture, $"{prefix}{vu:D3}");
            form["Password"] = password;
            using var request = new HttpRequestMessage(HttpMethod.Post, "/account/login") { Content = new FormUrlEncodedContent(form) };
            request.Headers.Add("Cookie", cookies);
            using var response = await http.SendAsync(request);
            if (response.StatusCode != HttpStatusCode.Redirect && response.StatusCode != HttpStatusCode.Found)
            {
                throw new InvalidOperationException($"sign-in answered {(int)response.StatusCode}");
            }
        });
        new Measurement(args.Text("store"), "signin_password", perSecond, "sign-ins/s")
        {
            P50Ms = latencies.Percentile(50),
            P99Ms = latencies.Percentile(99),
            Errors = latencies.Errors,
            Note = $"{virtualUsers} virtual users, GET form + POST per sign-in",
        }.Print();
        return 0;
    }
}
