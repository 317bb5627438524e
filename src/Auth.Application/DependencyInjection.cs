using Auth.Application.Ports;
using FluentValidation;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Auth.Application;

public static class DependencyInjection
{
    /// <summary>Validators and use-case options. The Mediator itself is generated and registered by the host.</summary>
    public static IServiceCollection AddApplication(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddValidatorsFromAssembly(typeof(DependencyInjection).Assembly, ServiceLifetime.Singleton);
        services.AddOptions<SigningKeyPolicy>()
            .Bind(configuration.GetSection(SigningKeyPolicy.Section))
            .Validate(p => p.IsValid,
                "SigningKeys: MaximumTokenLifetime and RefreshInterval must be positive, ClockSkew not negative, PublishAhead from RefreshInterval to 7 days.")
            .ValidateOnStart();
        services.AddOptions<SignIn.SignInOptions>()
            .Bind(configuration.GetSection(SignIn.SignInOptions.Section))
            .Validate(o => o.MaxFailedAttempts >= 1 && o.LockoutDuration > TimeSpan.Zero,
                "SignIn: MaxFailedAttempts must be at least 1 and LockoutDuration positive.")
            .Validate(o => o.PasswordResetTimesAreValid,
                "SignIn: PasswordResetLinkLifetime from 00:05:00 to 1.00:00:00, PasswordResetInterval from 00:00:00 to 1.00:00:00.")
            .Validate<IMailSender>((o, mail) => !o.PasswordReset || mail.IsConfigured,
                "SignIn:PasswordReset e-mails the reset links: it needs a mail server (Smtp:Host).")
            .ValidateOnStart();
        services.AddOptions<Grants.GrantRetention>()
            .Bind(configuration.GetSection(Grants.GrantRetention.Section))
            .Validate(o => o.KeepFor > TimeSpan.Zero && o.PruneInterval > TimeSpan.Zero, "GrantRetention: KeepFor and PruneInterval must be positive.")
            .ValidateOnStart();
        services.AddOptions<Mfa.MfaOptions>()
            .Bind(configuration.GetSection(Mfa.MfaOptions.Section))
            .Validate(o => o.MaxFailedAttempts >= 1 && o.LockoutDuration > TimeSpan.Zero && o.RecoveryCodeCount is >= 1 and <= 50 && o.Issuer.Length > 0,
                "Mfa: MaxFailedAttempts at least 1, LockoutDuration positive, RecoveryCodeCount 1 to 50, Issuer not empty.")
            .Validate(o => o.RecentSignInWindow >= TimeSpan.FromSeconds(1) && o.RecentSignInWindow <= TimeSpan.FromDays(1),
                "Mfa:RecentSignInWindow is between one second and one day.")
            .ValidateOnStart();
        services.AddOptions<Sessions.SessionLifetimes>()
            .Bind(configuration.GetSection(Sessions.SessionLifetimes.Section))
            .Validate(o => o.IsValid, "OAuth: SessionLifetime from 00:01:00 to 30.00:00:00, SessionAbsoluteLifetime from 00:01:00 to 365.00:00:00.")
            .ValidateOnStart();
        services.AddOptions<Scim.ScimOptions>().Bind(configuration.GetSection(Scim.ScimOptions.Section)).ValidateOnStart();
        services.AddScoped<Mfa.TotpVerification>();
        services.AddOptions<Sessions.BackChannelLogoutOptions>()
            .Bind(configuration.GetSection(Sessions.BackChannelLogoutOptions.Section))
            .Validate(o => o.IsValid,
                "OAuth: BackChannelLogoutTimeout from 00:00:00.1 to 00:01:00, BackChannelLogoutRetryDelay at least 00:00:00.1 and at most BackChannelLogoutMaximumRetryDelay, BackChannelLogoutGiveUpAfter from 00:01:00 to 30.00:00:00, BackChannelLogoutPollInterval from 00:00:00.1 to 00:05:00.")
            .ValidateOnStart();
        services.AddScoped<Sessions.SessionEnding>();
        services.AddScoped<Users.UserAccessRevocation>();
        services.AddScoped<Users.PasswordSetupLinkIssuer>();
        services.AddScoped<Scim.Users.ScimUserStore>();
        services.AddScoped<Scim.Users.ScimUserUniqueness>();
        services.AddScoped<Scim.Groups.ScimGroupStore>();
        services.AddScoped<Scim.Groups.ScimGroupUniqueness>();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<Keys.FirstRsaKey>();
        return services;
    }
}
