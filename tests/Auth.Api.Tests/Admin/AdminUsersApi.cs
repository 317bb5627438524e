using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace Auth.Api.Tests.Admin;

/// <summary>Calls to /admin/v1/users as an operator's tool makes them: a Bearer token, JSON bodies, If-Match.</summary>
public sealed class AdminUsersApi(HttpClient http, string token)
{
    public async Task<AdminAnswer> SendAsync(HttpMethod method, string path, object? body = null, string? ifMatch = null)
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
        return new AdminAnswer(
            response.StatusCode,
            text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone(),
            response.Headers.ETag?.ToString(),
            response.Headers.Location,
            text);
    }
}

/// <param name="Body">Undefined for an empty body.</param>
public sealed record AdminAnswer(HttpStatusCode Status, JsonElement Body, string? ETag, Uri? Location, string Text)
{
    public string? Error => Body.ValueKind == JsonValueKind.Object && Body.TryGetProperty("error", out var error) ? error.GetString() : null;

    public IEnumerable<string> Fields => Body.ValueKind == JsonValueKind.Object && Body.TryGetProperty("errors", out var errors)
        ? errors.EnumerateArray().Select(e => e.GetProperty("field").GetString()!)
        : [];

    public override string ToString() => $"{(int)Status} {Text}";
}
