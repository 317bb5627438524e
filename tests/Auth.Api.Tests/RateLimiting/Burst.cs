using System.Diagnostics;
using System.Net;

namespace Auth.Api.Tests.RateLimiting;

/// <summary>A run of requests and what each was answered, with the first refusal kept for a closer look.</summary>
public sealed class Burst : IDisposable
{
    private readonly Stopwatch _elapsed = Stopwatch.StartNew();

    public List<HttpStatusCode> Statuses { get; } = [];

    public HttpResponseMessage? FirstRefusal { get; private set; }

    public int Allowed => Statuses.Count(s => s == HttpStatusCode.OK);

    /// <summary>The most a bucket of <paramref name="burst"/> refilled at one a second can have allowed so far.</summary>
    public int MostAllowed(int burst) => burst + (int)Math.Ceiling(_elapsed.Elapsed.TotalSeconds) + 1;

    public async Task SendAsync(HttpClient client, string path)
    {
        var response = await client.GetAsync(path);
        Statuses.Add(response.StatusCode);
        if (response.StatusCode == HttpStatusCode.TooManyRequests && FirstRefusal is null)
        {
            FirstRefusal = response;
        }
        else
        {
            response.Dispose();
        }
    }

    public void Dispose() => FirstRefusal?.Dispose();
}
