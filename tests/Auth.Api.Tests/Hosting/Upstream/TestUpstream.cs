using System.Buffers.Text;
using System.Collections.Concurrent;
using System.ComponentModel;
using System.Diagnostics;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Auth.Api.Tests.Hosting.Upstream;

/// <summary>
/// A real OpenID provider for the federation tests: <c>tests/upstream/server.js</c> (oidc-provider under node, which
/// build/test.sh installs) in a process of its own on a loopback port, shaped like Entra ID, Okta or a plain provider.
/// It requires PKCE (S256), sends <c>iss</c> in authorization responses (RFC 9207), serves RP-initiated logout, and
/// signs people in through a form or, when a test scripted it, without a page. The process ends when this is
/// disposed, and by itself when the test process that started it dies (its stdin closes).
/// </summary>
public sealed class TestUpstream : IAsyncDisposable
{
    // node starts oidc-provider in under a second on a quiet machine; a start under the suite's load on two cores has
    // taken far longer (server.js reports each step on stderr, and a failure message carries them).
    private static readonly TimeSpan StartLimit = TimeSpan.FromSeconds(90);
    private static readonly TimeSpan StopLimit = TimeSpan.FromSeconds(10);

    private static readonly JsonSerializerOptions SnakeCase = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull,
    };

    private readonly string _directory;
    private readonly string _controlToken = Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
    private readonly Dictionary<string, UpstreamUser> _users;
    private readonly ConcurrentQueue<string> _output = new();
    private readonly HttpClient _control;
    private Process? _process;

    private TestUpstream(UpstreamSettings settings)
    {
        Settings = settings;
        _users = new Dictionary<string, UpstreamUser>(settings.Users, StringComparer.Ordinal);
        _directory = Directory.CreateTempSubdirectory("auth-upstream-").FullName;
        _control = new HttpClient { BaseAddress = settings.Origin, Timeout = TimeSpan.FromSeconds(10) };
        _control.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", _controlToken);
    }

    public UpstreamSettings Settings { get; private set; }

    /// <summary>Exactly the <c>iss</c> of its tokens and authorization responses.</summary>
    public string Issuer => Settings.Issuer;

    public Uri DiscoveryDocument => Settings.DiscoveryDocument;

    public int Port => Settings.Port;

    public int ProcessId => Running.Id;

    /// <summary>The last lines the process wrote (oidc-provider's warnings, errors), for failure messages.</summary>
    public string RecentOutput => string.Join(Environment.NewLine, _output);

    private Process Running => _process ?? throw new InvalidOperationException("The upstream is not running.");

    private static string ServerScript => Path.Combine(Repository.Root, "tests", "upstream", "server.js");

    /// <summary>Starts the upstream and returns once it answers on <see cref="UpstreamSettings.Port"/>.</summary>
    public static async Task<TestUpstream> StartAsync(UpstreamSettings settings)
    {
        if (!File.Exists(Path.Combine(Path.GetDirectoryName(ServerScript)!, "node_modules", "oidc-provider", "package.json")))
        {
            Assert.Fail("tests/upstream/node_modules is missing: run build/test.sh, or `npm ci` in tests/upstream.");
        }

        var upstream = new TestUpstream(settings);
        try
        {
            await upstream.LaunchAsync();
            return upstream;
        }
        catch
        {
            await upstream.DisposeAsync();
            throw;
        }
    }

    /// <summary>The next sign-in at the upstream completes as <paramref name="login"/> without showing a page.</summary>
    public Task SignInNextAsAsync(string login, IReadOnlyList<string>? amr = null, string? acr = null) =>
        PostControlAsync("sign-ins", new JsonObject { ["login"] = login, ["amr"] = ToArray(amr), ["acr"] = acr });

    /// <summary>The next sign-in ends with this OAuth error at the client's redirect URI (the Cancel button gives <c>access_denied</c>).</summary>
    public Task RefuseNextSignInAsync(string error = "access_denied", string? description = null) =>
        PostControlAsync("sign-ins", new JsonObject { ["error"] = error, ["error_description"] = description });

    /// <summary>Adds a person, or changes their claims from the next token on; kept across <see cref="RestartAsync"/>.</summary>
    public async Task SetUserAsync(string login, UpstreamUser user)
    {
        await PostControlAsync("users", new JsonObject { ["login"] = login, ["user"] = JsonSerializer.SerializeToNode(user, SnakeCase) });
        _users[login] = user;
    }

    /// <summary>Switches these misbehaviours on and every other off (none: behave).</summary>
    public Task MisbehaveAsync(params UpstreamMisbehaviour[] modes) =>
        PostControlAsync("misbehave", new JsonObject { ["modes"] = ToArray(modes.Select(m => JsonNamingPolicy.KebabCaseLower.ConvertName(m.ToString())).ToList()) });

    /// <summary>Forgets scripted sign-ins not taken yet and stops misbehaving.</summary>
    public Task ResetAsync() => PostControlAsync("reset", new JsonObject());

    /// <summary>
    /// Stops the process and starts it again on the same port with the same issuer, signing key and users (all
    /// sessions and codes are lost, as in-memory state); with <paramref name="clients"/>, registered with those instead,
    /// e.g. a rotated client secret.
    /// </summary>
    public async Task RestartAsync(IReadOnlyList<UpstreamClient>? clients = null)
    {
        await StopAsync();
        Settings = Settings with { Clients = clients ?? Settings.Clients, Users = new Dictionary<string, UpstreamUser>(_users) };
        await LaunchAsync();
    }

    /// <summary>Kills the process (an upstream that is down); <see cref="RestartAsync"/> brings it back.</summary>
    public async Task StopAsync()
    {
        if (_process is null)
        {
            return;
        }

        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            using var limit = new CancellationTokenSource(StopLimit);
            await _process.WaitForExitAsync(limit.Token);
        }

        _process.Dispose();
        _process = null;
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _control.Dispose();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // The OS cleans the temp folder.
        }
    }

    private string SigningKeyFile => Path.Combine(_directory, "signing-key.json");

    private async Task LaunchAsync()
    {
        if (!File.Exists(SigningKeyFile))
        {
            await File.WriteAllTextAsync(SigningKeyFile, NewSigningKey().ToJsonString());
        }

        var configuration = Path.Combine(_directory, "config.json");
        await File.WriteAllTextAsync(configuration, Configuration().ToJsonString());
        var start = new ProcessStartInfo("node")
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path.GetDirectoryName(ServerScript)!,
            ArgumentList = { ServerScript, configuration },
        };

        var ready = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        Process process;
        try
        {
            process = Process.Start(start)!;
        }
        catch (Win32Exception ex)
        {
            throw new InvalidOperationException("node is not on PATH: install Debian's nodejs (build/test.sh does).", ex);
        }

        _process = process;
        process.EnableRaisingEvents = true;
        process.OutputDataReceived += (_, line) =>
        {
            Remember(line.Data);
            if (line.Data?.StartsWith('{') == true)
            {
                ready.TrySetResult(line.Data);
            }
        };
        process.ErrorDataReceived += (_, line) => Remember(line.Data);
        process.Exited += (_, _) => ready.TrySetException(new InvalidOperationException("The upstream exited before it was ready."));
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        try
        {
            var line = await ready.Task.WaitAsync(StartLimit);
            var issuer = JsonNode.Parse(line)!["issuer"]!.GetValue<string>();
            if (issuer != Issuer)
            {
                throw new InvalidOperationException($"The upstream says its issuer is {issuer}, not {Issuer}.");
            }
        }
        catch (Exception ex) when (ex is TimeoutException or InvalidOperationException)
        {
            await StopAsync();
            throw new InvalidOperationException($"The upstream on port {Port} did not start within {StartLimit.TotalSeconds} s: {ex.Message} Its output:{Environment.NewLine}{RecentOutput}", ex);
        }
    }

    /// <summary>
    /// The upstream's RSA signing key as a private JWK, made here rather than by node: starts that had to generate one
    /// have stalled (no output for 90 s after loading oidc-provider) while the suite ran on two cores.
    /// </summary>
    private static JsonObject NewSigningKey()
    {
        using var rsa = RSA.Create(2048);
        var key = rsa.ExportParameters(includePrivateParameters: true);
        return new JsonObject
        {
            ["kty"] = "RSA",
            ["kid"] = "upstream-" + Guid.NewGuid().ToString("N"),
            ["n"] = Base64Url.EncodeToString(key.Modulus),
            ["e"] = Base64Url.EncodeToString(key.Exponent),
            ["d"] = Base64Url.EncodeToString(key.D),
            ["p"] = Base64Url.EncodeToString(key.P),
            ["q"] = Base64Url.EncodeToString(key.Q),
            ["dp"] = Base64Url.EncodeToString(key.DP),
            ["dq"] = Base64Url.EncodeToString(key.DQ),
            ["qi"] = Base64Url.EncodeToString(key.InverseQ),
        };
    }

    /// <summary>What server.js reads: harness options in camelCase, clients and users as OpenID Connect metadata and claims.</summary>
    private JsonObject Configuration() => new()
    {
        ["port"] = Port,
        ["flavor"] = Settings.Flavor.ToString().ToLowerInvariant(),
        ["tenant"] = Settings.Tenant,
        ["controlToken"] = _controlToken,
        ["par"] = Settings.PushedAuthorizationRequests,
        ["noPkceMetadata"] = Settings.HidePkceMetadata,
        ["noEndSession"] = Settings.HideEndSessionEndpoint,
        ["signingKeyFile"] = SigningKeyFile,
        ["exitWithStdin"] = true,
        ["clients"] = JsonSerializer.SerializeToNode(Settings.Clients, SnakeCase),
        ["users"] = JsonSerializer.SerializeToNode(Settings.Users, SnakeCase),
    };

    private async Task PostControlAsync(string path, JsonObject body)
    {
        using var response = await _control.PostAsync($"/_control/{path}", new StringContent(body.ToJsonString(), System.Text.Encoding.UTF8, "application/json"));
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"The upstream refused /_control/{path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}{Environment.NewLine}{RecentOutput}");
        }
    }

    private static JsonArray? ToArray(IReadOnlyList<string>? values) => values is null ? null : new JsonArray([.. values.Select(v => JsonValue.Create(v))]);


    private void Remember(string? line)
    {
        if (line is null)
        {
            return;
        }

        _output.Enqueue(line);
        while (_output.Count > 200 && _output.TryDequeue(out _))
        {
        }
    }
}
