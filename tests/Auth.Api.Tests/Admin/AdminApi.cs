using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Auth.Api.Tests.Hosting;

namespace Auth.Api.Tests.Admin;

/// <summary>JSON requests to the admin API with a Bearer token, as an automation sends them.</summary>
public sealed class AdminApi(HttpClient http, string token)
{
    public async Task<AdminReply> SendAsync(HttpMethod method, string path, object? body = null, string? ifMatch = null)
    {
        using var request = new HttpRequestMessage(method, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        if (body is not null)
        {
            request.Content = JsonContent.Create(body);
        }

        if (ifMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }

        using var response = await http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        var json = text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
        return new AdminReply(response.StatusCode, json, text, response.Headers.ETag?.ToString(), response.Headers.Location?.ToString());
    }

    public Task<AdminReply> GetAsync(string path) => SendAsync(HttpMethod.Get, path);

    /// <summary>Every item of a list, following its next links (at most 50 pages).</summary>
    public async Task<(List<JsonElement> Items, int Pages)> ReadAllAsync(string path)
    {
        var items = new List<JsonElement>();
        var pages = 0;
        string? next = path;
        while (next is not null && pages < 50)
        {
            var page = await GetAsync(next);
            Assert.That(page.Status, Is.EqualTo(HttpStatusCode.OK), page.Text);
            items.AddRange(page.Body.GetProperty("items").EnumerateArray());
            next = page.Body.GetProperty("next").GetString();
            pages++;
        }

        return (items, pages);
    }
}

/// <param name="Text">The body as sent, to look for what must never be in it.</param>
public sealed record AdminReply(HttpStatusCode Status, JsonElement Body, string Text, string? ETag, string? Location)
{
    public string? Error => Body.ValueKind == JsonValueKind.Object && Body.TryGetProperty("error", out var error) ? error.GetString() : null;

    public IEnumerable<string?> Fields => Body.ValueKind == JsonValueKind.Object && Body.TryGetProperty("errors", out var errors)
        ? errors.EnumerateArray().Select(e => e.GetProperty("field").GetString())
        : [];

    public override string ToString() => $"{(int)Status} {Text}";
}
