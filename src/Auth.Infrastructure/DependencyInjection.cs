using Auth.Application.Audit;
using Auth.Application.Ports;
using Auth.Application.RateLimiting;
using Auth.Infrastructure.AccessChanges;
using Auth.Infrastructure.Audit;
using Auth.Infrastructure.Clients;
using Auth.Infrastructure.Grants;
using Auth.Infrastructure.IdentityProviders;
using Auth.Infrastructure.Keys;
using Auth.Infrastructure.Mail;
using Auth.Infrastructure.OpenIddict;
using Auth.Infrastructure.Persistence;
using Auth.Infrastructure.RateLimiting;
using Auth.Infrastructure.Scopes;
using Auth.Infrastructure.Security;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Auth.Infrastructure;

public static class DependencyInjection
{
    public static IServiceCollection AddInfrastructure(this IServiceCollection services, IConfiguration configuration)
    {
        var storage = configuration.GetSection(StorageOptions.Section).Get<StorageOptions>() ?? new StorageOptions();
        services.AddOptions<StorageOptions>().Bind(configuration.GetSection(StorageOptions.Section));
        var dataDirectory = Path.GetFullPath(storage.DataDirectory);

        AddStore(services, configuration, storage, dataDirectory);
        AddSecrets(services, configuration, storage, dataDirectory);
        AddRateLimitBuckets(services, configuration);
        AddMail(services, configuration);

        // OpenIddict's entity cache lives for one request scope (a MemoryCache per scope): a client, authorization or
        // token is read once per request rather than at each of OpenIddict's checks, and a change made by another
        // node or the command line counts from the next request.
        services.AddOpenIddict().AddCore(options =>
        {
            options.UseEntityFrameworkCore().UseDbContext<AuthDbContext>();
            options.ReplaceApplicationManager(typeof(ClientApplicationManager<>));
            options.ReplaceTokenManager(typeof(CutOffTokenManager<>));
            options.ReplaceAuthorizationManager(typeof(CutOffAuthorizationManager<>));
            options.ReplaceScopeManager(typeof(ScopeCatalogManager<>));
        });
        services.AddOptions<RevocationOptions>().Bind(configuration.GetSection(RevocationOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<AccessRevocations>();
        services.AddSingleton<IAccessChangeObserver>(provider => provider.GetRequiredService<AccessRevocations>());
        services.AddSingleton<ScopeCatalog>();
        services.AddSingleton<IAccessChangeObserver>(provider => provider.GetRequiredService<ScopeCatalog>());
        services.AddSingleton<ClientCatalog>();
        services.AddSingleton<IAccessChangeObserver>(provider => provider.GetRequiredService<ClientCatalog>());
        services.AddSingleton<CorsOriginCatalog>();
        services.AddSingleton<IAccessChangeObserver>(provider => provider.GetRequiredService<CorsOriginCatalog>());
        services.AddScoped<IAllowedCorsOrigins, AllowedCorsOrigins>();
        services.AddScoped<ClientReadPolicy>();
        services.AddSingleton<AccessChangeObservers>();
        services.AddScoped<AccessChangeWriter>();
        services.AddSingleton<StoreReadiness>();
        services.AddSingleton<AccessChangeFeed>();
        services.AddHostedService(provider => provider.GetRequiredService<AccessChangeFeed>());
        services.AddScoped<IClientRegistry, OpenIddictClientRegistry>();
        services.AddScoped<IScopeRegistry, OpenIddictScopeRegistry>();
        services.AddScoped<IGrantStore, OpenIddictGrantStore>();
        services.AddScoped<JtiLedger>();
        services.AddScoped<Auth.Application.Ports.IRegistrationTokens, RegistrationTokenStore>();
        services.AddScoped<IConsentStore, OpenIddictConsentStore>();

        services.AddOptions<ClientSecretCacheOptions>().Bind(configuration.GetSection(ClientSecretCacheOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<ClientSecretVerifications>();
        services.AddSingleton<SigningKeyRing>();
        services.AddHostedService<SigningKeyRefresher>();
        services.AddHostedService<GrantPruner>();
        services.AddOptions<IdentityProviderCatalogOptions>().Bind(configuration.GetSection(IdentityProviderCatalogOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<IdentityProviderCatalog>();
        services.AddHostedService<IdentityProviderRefresher>();

        services.AddOptions<AuditOptions>().Bind(configuration.GetSection(AuditOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<AuditQueue>();
        services.AddSingleton<AuditWriter>();
        services.AddHostedService(provider => provider.GetRequiredService<AuditWriter>());
        services.AddSingleton<AuditPruner>();
        services.AddHostedService(provider => provider.GetRequiredService<AuditPruner>());
        return services;
    }

    private static void AddStore(IServiceCollection services, IConfiguration configuration, StorageOptions storage, string dataDirectory)
    {
        var commits = new AccessChangeCommits();
        var postgres = configuration.GetConnectionString(StorageOptions.PostgresConnectionStringName);
        if (storage.Ephemeral)
        {
            if (!string.IsNullOrWhiteSpace(postgres))
            {
                throw new InvalidOperationException("Storage:Ephemeral is refused with ConnectionStrings:Postgres: ephemeral mode keeps its state in memory only.");
            }

            var database = new EphemeralDatabase();
            services.AddSingleton(_ => database);
            services.AddScoped<EphemeralStoreReset>();
            var memorySettings = SqliteConnectionSettings.ForMemory();
            services.AddDbContextPool<AuthDbContext, SqliteAuthDbContext>(options => options.UseSqlite(database.ConnectionString).AddInterceptors(memorySettings, commits));
        }
        else if (!string.IsNullOrWhiteSpace(postgres))
        {
            // Computed once: the options callback runs for every DbContext, so on every request.
            var connectionString = WithAutoPrepare(WithConnectTimeout(postgres));
            services.AddDbContextPool<AuthDbContext, PostgresAuthDbContext>(options => options.UseNpgsql(connectionString).AddInterceptors(commits));
        }
        else
        {
            Directory.CreateDirectory(dataDirectory);
            var file = Path.Combine(dataDirectory, "auth.db");
            var settings = SqliteConnectionSettings.ForFile();
            services.AddDbContextPool<AuthDbContext, SqliteAuthDbContext>(options => options.UseSqlite($"Data Source={file}").AddInterceptors(settings, commits));
        }

        services.AddScoped<IAuthDbContext>(provider => provider.GetRequiredService<AuthDbContext>());
        services.AddScoped<DatabaseMigrator>();
    }

    /// <summary>The rate-limit buckets: in Redis when a connection is configured, so nodes share one limit; else in process.</summary>
    private static void AddRateLimitBuckets(IServiceCollection services, IConfiguration configuration)
    {
        var section = configuration.GetSection(RateLimitingOptions.Section);
        var rateLimiting = section.Get<RateLimitingOptions>() ?? new RateLimitingOptions();
        services.AddOptions<RateLimitingOptions>().Bind(section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton(new RedisRateLimitStatus(rateLimiting.UsesRedis, rateLimiting.RedisFailureMode));
        if (rateLimiting.UsesRedis)
        {
            services.AddSingleton<ITokenBuckets, RedisTokenBuckets>();
        }
        else
        {
            services.AddSingleton<ITokenBuckets, InProcessTokenBuckets>();
        }
    }

    /// <summary>E-mail through the <c>Smtp</c> section's server; with no host configured the sender says so and sends nothing.</summary>
    private static void AddMail(IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<SmtpOptions>().Bind(configuration.GetSection(SmtpOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<Microsoft.Extensions.Options.IValidateOptions<SmtpOptions>, SmtpOptionsValidator>();
        services.AddSingleton<IMailSender, MailKitMailSender>();
    }

    /// <summary>
    /// A database host that does not answer fails a request after 5 s (a 503), not Npgsql's default 15 s, unless the
    /// connection string sets its own timeout.
    /// </summary>
    private static string WithConnectTimeout(string connectionString)
    {
        var given = new System.Data.Common.DbConnectionStringBuilder { ConnectionString = connectionString };
        return given.ContainsKey("Timeout") || given.ContainsKey("Connect Timeout")
            ? connectionString
            : new Npgsql.NpgsqlConnectionStringBuilder(connectionString) { Timeout = 5 }.ConnectionString;
    }

    // Statements run again and again (a token's client, a SCIM userName lookup) are parsed and planned once per
    // connection instead of on every execution; PostgreSQL spent as much CPU planning a lookup as running it (ADR 0011).
    private static string WithAutoPrepare(string connectionString)
    {
        var given = new System.Data.Common.DbConnectionStringBuilder { ConnectionString = connectionString };
        return given.ContainsKey("Max Auto Prepare") || given.ContainsKey("MaxAutoPrepare")
            ? connectionString
            : new Npgsql.NpgsqlConnectionStringBuilder(connectionString) { MaxAutoPrepare = 128 }.ConnectionString;
    }

    private static void AddSecrets(IServiceCollection services, IConfiguration configuration, StorageOptions storage, string dataDirectory)
    {
        var masterKeyOptions = configuration.GetSection(MasterKeyOptions.Section).Get<MasterKeyOptions>() ?? new MasterKeyOptions();
        services.AddSingleton(_ => storage.Ephemeral
            ? new MasterKey(System.Security.Cryptography.RandomNumberGenerator.GetBytes(MasterKey.KeySizeInBytes))
            : MasterKey.Load(masterKeyOptions, Path.Combine(dataDirectory, "master.key")));

        var dataProtection = services.AddDataProtection().SetApplicationName("auth-service");
        if (storage.Ephemeral)
        {
            // The key ring lives and dies with the process, like everything else it protects: no table to query and
            // write before the first signing key can be protected (a shorter start, issue #18).
            var ring = new InMemoryKeyRepository();
            services.AddOptions<KeyManagementOptions>().Configure(options => options.XmlRepository = ring);
        }
        else
        {
            dataProtection.PersistKeysToDbContext<AuthDbContext>();
        }

        services.AddOptions<KeyManagementOptions>()
            .Configure<MasterKey>((options, masterKey) => options.XmlEncryptor = new MasterKeyXmlEncryptor(masterKey));

        services.AddSingleton<ISecretProtector, DataProtectionSecretProtector>();
        // Nothing an ephemeral instance holds outlives it, so nobody can take its hashes away to crack: a test suite's
        // sign-ins and seeded users need not pay 210,000 iterations each (ADR 0019).
        services.AddSingleton<IPasswordHasher>(storage.Ephemeral ? new Pbkdf2PasswordHasher(Pbkdf2PasswordHasher.EphemeralIterations) : new Pbkdf2PasswordHasher());
        services.AddSingleton<IOneTimePasswords, Mfa.OtpNetOneTimePasswords>();
    }
}
