using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Serialization;
using Auth.Application.Clients;
using Auth.Application.Seed;

namespace Auth.Testing;

/// <summary>
/// The seed file a server starts from: the suite's seed (from code or its file) plus the fixture's own admin client,
/// written into a temporary folder of its own that <see cref="Delete"/> removes.
/// </summary>
internal sealed class FixtureSeed
{
    /// <summary>The client the fixture creates users with; every server gets it, with a secret of its own.</summary>
    public const string ClientId = "auth-testing-fixture";

    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        WriteIndented = true,
    };

    private FixtureSeed(string path, string clientSecret, IReadOnlyDictionary<string, string> secrets)
    {
        Path = path;
        ClientSecret = clientSecret;
        Secrets = secrets;
    }

    /// <summary>Where the file is.</summary>
    public string Path { get; }

    /// <summary>The fixture client's secret.</summary>
    public string ClientSecret { get; }

    /// <summary>The seeded clients' secrets, by client id, so that a test need not repeat them.</summary>
    public IReadOnlyDictionary<string, string> Secrets { get; }

    public static FixtureSeed Write(AuthTestServerOptions options)
    {
        if (options.Seed is not null && options.SeedFile is not null)
        {
            throw new ArgumentException("Give Seed or SeedFile, not both.", nameof(options));
        }

        var document = options.Seed ?? (options.SeedFile is { } file ? Api.Seed.SeedFile.Read(file) : new SeedDocument());
        if (document.Clients.Any(c => c.ClientId == ClientId))
        {
            throw new ArgumentException($"The client id '{ClientId}' is the fixture's own.", nameof(options));
        }

        var secret = Convert.ToHexString(RandomNumberGenerator.GetBytes(24));
        var fixtureClient = new ClientDefinition
        {
            ClientId = ClientId,
            ClientSecret = secret,
            DisplayName = "Auth.Testing fixture",
            GrantTypes = ["client_credentials"],
            Scopes = ["admin.users.read", "admin.users.write"],
        };
        var seeded = document with { Clients = [.. document.Clients, fixtureClient] };
        var folder = Directory.CreateTempSubdirectory("auth-testing-seed-");
        var path = System.IO.Path.Combine(folder.FullName, "seed.json");
        File.WriteAllText(path, JsonSerializer.Serialize(seeded, Options));
        var secrets = document.Clients
            .Where(c => c.ClientSecret is not null)
            .ToDictionary(c => c.ClientId, c => c.ClientSecret!, StringComparer.Ordinal);
        return new FixtureSeed(path, secret, secrets);
    }

    public void Delete()
    {
        var folder = System.IO.Path.GetDirectoryName(Path)!;
        if (Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
