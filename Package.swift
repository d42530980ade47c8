// swift-tools-version:6.1
import PackageDescription

/// Settings every Linli target compiles with: Swift 6 language mode (set by the tools version)
/// plus the upcoming features the Swift server projects we follow enable.
let strictSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
]

// Products of the packages under `dependencies` that several targets use.
let hummingbird = Target.Dependency.product(name: "Hummingbird", package: "hummingbird")
let hummingbirdTesting = Target.Dependency.product(name: "HummingbirdTesting", package: "hummingbird")
let logging = Target.Dependency.product(name: "Logging", package: "swift-log")
let metrics = Target.Dependency.product(name: "Metrics", package: "swift-metrics")
let serviceLifecycle = Target.Dependency.product(name: "ServiceLifecycle", package: "swift-service-lifecycle")
let unixSignals = Target.Dependency.product(name: "UnixSignals", package: "swift-service-lifecycle")
let asyncHTTPClient = Target.Dependency.product(name: "AsyncHTTPClient", package: "async-http-client")
let crypto = Target.Dependency.product(name: "Crypto", package: "swift-crypto")
let yams = Target.Dependency.product(name: "Yams", package: "Yams")

/// One service's executable product and its three targets.
struct LinliService {
    let product: Product
    let targets: [Target]
}

/// The product and targets of the service `name` (`Registry`), so that a new service is one call:
/// - the library `<Name>Service` (`Services/<Name>`): ServiceKit, the queue, Models, Hummingbird and
///   swift-log, then `dependencies`; its `Migrations` and `openapi.yaml` are resources;
/// - the executable `<Name>App` (`Services/<Name>App`), shipped as `linli-<name>`: one call to `runMain()`;
/// - the tests `<Name>ServiceTests` (`Tests/<Name>ServiceTests`): the library, ServiceKit, the test
///   support, Models, Postgres, the queue and HummingbirdTesting, then `testDependencies`.
func service(_ name: String, dependencies: [Target.Dependency] = [], testDependencies: [Target.Dependency] = []) -> LinliService {
    let library = "\(name)Service"
    return LinliService(
        product: .executable(name: "linli-\(name.lowercased())", targets: ["\(name)App"]),
        targets: [
            .target(
                name: library,
                dependencies: ["ServiceKit", "Postgres", "JobQueue", "Models", hummingbird, logging] + dependencies,
                path: "Services/\(name)",
                resources: [.copy("Migrations"), .copy("openapi.yaml")],
                swiftSettings: strictSettings
            ),
            .executableTarget(
                name: "\(name)App",
                dependencies: [.byName(name: library), "ServiceKit", logging],
                path: "Services/\(name)App",
                swiftSettings: strictSettings
            ),
            .testTarget(
                name: "\(library)Tests",
                dependencies: [
                    .byName(name: library), "ServiceKit", "ServiceTestSupport", "LinliTestSupport", "Models", "Postgres", "JobQueue",
                    hummingbirdTesting,
                ] + testDependencies,
                path: "Tests/\(library)Tests",
                swiftSettings: strictSettings
            ),
        ]
    )
}

/// A library target under `Shared/`, `Services/` or `Tests/` with the strict settings.
func library(_ name: String, path: String, dependencies: [Target.Dependency] = [], resources: [Resource]? = nil) -> Target {
    .target(name: name, dependencies: dependencies, path: path, resources: resources, swiftSettings: strictSettings)
}

/// A test target `Tests/<name>` with the strict settings.
func tests(_ name: String, _ dependencies: [Target.Dependency], exclude: [String] = []) -> Target {
    .testTarget(name: name, dependencies: dependencies, path: "Tests/\(name)", exclude: exclude, swiftSettings: strictSettings)
}

// MARK: Shared libraries

let sharedLibraries: [Target] = [
    /** libpq, the PostgreSQL C client, as a Swift module (Debian: libpq-dev). */
    .systemLibrary(name: "CLibPQ", path: "Shared/CLibPQ", pkgConfig: "libpq", providers: [.apt(["libpq-dev"])]),
    /** Swift API over libpq: connections on their own threads, pool, SQL binds, listener, migrations. */
    // Models (Foundation only) for LinliJSON, the one JSON convention of HTTP, events and SQL JSON columns.
    library("Postgres", path: "Shared/Postgres", dependencies: ["CLibPQ", "Models", logging, metrics, serviceLifecycle]),
    /** Domain types and versioned cross-service contracts (job kinds, events); Foundation only. */
    library("Models", path: "Shared/Models"),
    /** The PostgreSQL job queue and event bus: the only channel between services. */
    library(
        "JobQueue",
        path: "Shared/JobQueue",
        dependencies: ["Postgres", "Models", logging, metrics, serviceLifecycle],
        resources: [.copy("Migrations")]
    ),
    /** What every service shares: configuration, HTTP scaffolding, problem+json, auth, health, metrics. */
    library(
        "ServiceKit",
        path: "Shared/ServiceKit",
        dependencies: [
            "Postgres", "JobQueue", "Models", hummingbird,
            .product(name: "JWTKit", package: "jwt-kit"), crypto, .product(name: "Prometheus", package: "swift-prometheus"),
            logging, metrics, serviceLifecycle, unixSignals,
            // The web kit's pages (Shared/ServiceKit/Web) are Mustache templates.
            .product(name: "Mustache", package: "swift-mustache"),
        ],
        resources: [.copy("Migrations"), .copy("RateLimits/LimitsMigrations")]
    ),
    /** A client of the services' HTTP APIs on async-http-client: a deadline per request, safe retries, errors naming the request. */
    library("LinliHTTPClient", path: "Shared/HTTPClient", dependencies: [asyncHTTPClient]),
    /** Child processes with posix_spawn: test clusters, worker processes, pgbench. */
    library("Processes", path: "Shared/Processes"),
    /** libqrencode, the QR code encoder, as a Swift module (Debian: libqrencode-dev). */
    .systemLibrary(name: "CQRencode", path: "Shared/CQRencode", pkgConfig: "libqrencode", providers: [.apt(["libqrencode-dev"])]),
    /** QR codes as SVG for pages (tickets, check-in posters), encoded by libqrencode. */
    library("QRCode", path: "Shared/QRCode", dependencies: ["CQRencode"]),
]

// MARK: Services

let services: [LinliService] = [
    /** The registry: places, people, party organisation, the three heads, organisations, points. */
    service(
        "Registry",
        dependencies: [
            crypto, asyncHTTPClient, .product(name: "JWTKit", package: "jwt-kit"), .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
            .product(name: "HummingbirdOTP", package: "hummingbird-auth"),
        ],
        testDependencies: [serviceLifecycle, asyncHTTPClient]
    ),
    /** The calendar: monthly themes, activities and occurrences, venues, registration, check-in, feeds, reminders. */
    service(
        "Calendar",
        dependencies: ["CalendarCore", "QRCode"],
        testDependencies: ["CalendarCore", "Processes", hummingbird, logging, serviceLifecycle]
    ),
    /** Notifications: recipients, templates, inbox, WeCom group robots, signed webhooks, quiet hours, digests. */
    service(
        "Notifications",
        dependencies: [asyncHTTPClient, .product(name: "Mustache", package: "swift-mustache"), crypto, serviceLifecycle],
        testDependencies: ["Processes", hummingbird, asyncHTTPClient, crypto]
    ),
    /** Analytics: event-time facts, incremental rollups, one metric glossary, JSON/CSV for Grafana, a built-in dashboard. */
    service("Analytics", testDependencies: ["AnalyticsCity", "Processes", serviceLifecycle]),
    /** Residents' concerns from intake to settlement, and the four-party councils that settle the hard ones. */
    service(
        "Concerns",
        // Residents' photos arrive as multipart/form-data from the concern page.
        dependencies: [.product(name: "MultipartKit", package: "multipart-kit")],
        testDependencies: [hummingbird]
    ),
]

/// Libraries that belong to one service but are not the service.
let serviceParts: [Target] = [
    /** Pure calendar logic: RFC 5545 recurrence, overrides, iCalendar feeds, check-in codes (Foundation only). */
    library("CalendarCore", path: "Services/CalendarCore"),
    /** A generated city for the analytics tests and `linli-bench analytics`: events to publish, or a city-scale COPY load. Not shipped. */
    library("AnalyticsCity", path: "Services/AnalyticsCity", dependencies: ["AnalyticsService", "Postgres", "Models"]),
]

// MARK: Tools

let tools: [Target] = [
    /** `linli`: the operator's command line: migrate, seed, token, queue, analytics. Shipped in every image: no test framework. */
    .executableTarget(
        name: "Linli",
        dependencies: [
            "Postgres", "JobQueue", "ServiceKit", "RegistryService", "CalendarService", "NotificationsService", "AnalyticsService",
            "ConcernsService", "LinliHTTPClient", .product(name: "ArgumentParser", package: "swift-argument-parser"),
            asyncHTTPClient, logging,
        ],
        path: "Services/Linli",
        swiftSettings: strictSettings
    ),
    /** `linli-bench`: the benchmarks behind docs/benchmarks.md. Links HummingbirdTesting and AnalyticsCity, so it is never shipped. */
    .executableTarget(
        name: "LinliBench",
        dependencies: [
            "Postgres", "JobQueue", "Models", "Processes", "ServiceKit", "RegistryService", "CalendarService", "CalendarCore",
            "NotificationsService", "AnalyticsService", "AnalyticsCity", "ConcernsService", "LinliHTTPClient",
            .product(name: "ArgumentParser", package: "swift-argument-parser"), asyncHTTPClient,
            // `linli-bench tokens` compares EdDSA with the old HS256 in jwt-kit.
            .product(name: "JWTKit", package: "jwt-kit"),
            // The calendar benchmark sends its requests through the service's router, in process.
            hummingbird, hummingbirdTesting, logging, serviceLifecycle, unixSignals,
        ],
        path: "Services/LinliBench",
        swiftSettings: strictSettings
    ),
]

// MARK: Test support and tests

let testTargets: [Target] = [
    /** Starts a throwaway PostgreSQL cluster for tests and hands out isolated databases; runs services while a test runs. */
    library("LinliTestSupport", path: "Tests/Support", dependencies: ["Postgres", "Processes", "Models", logging, serviceLifecycle]),
    /** Route-test helpers for services: a runtime on a test database, tokens, its queue, OpenAPI conformance. */
    library(
        "ServiceTestSupport",
        path: "Tests/ServiceSupport",
        dependencies: ["ServiceKit", "LinliTestSupport", "Postgres", "JobQueue", serviceLifecycle, hummingbird, hummingbirdTesting, yams, logging]
    ),
    /** A worker process the queue tests start, SIGKILL and restart. */
    .executableTarget(
        name: "QueueFixtureWorker",
        dependencies: ["Postgres", "JobQueue", "LinliTestSupport", logging, serviceLifecycle, unixSignals],
        path: "Tests/QueueFixtureWorker",
        swiftSettings: strictSettings
    ),
    tests("PostgresTests", ["Postgres", "LinliTestSupport"]),
    tests("JobQueueTests", ["JobQueue", "Postgres", "Models", "Processes", "LinliTestSupport"]),
    tests("CalendarCoreTests", ["CalendarCore"]),
    tests("QRCodeTests", ["QRCode"]),
    tests("ServiceKitTests", ["ServiceKit", "ServiceTestSupport", "LinliTestSupport", "JobQueue", "Postgres", hummingbirdTesting, crypto]),
    tests("ModelsTests", ["Models"], exclude: ["Fixtures"]),
    tests("DeployTests", ["ServiceKit", "RegistryService", "Processes", "LinliTestSupport", yams]),
    tests("LinliHTTPClientTests", ["LinliHTTPClient", "LinliTestSupport", asyncHTTPClient, hummingbird, hummingbirdTesting]),
    /** The whole system: the five real executables on a throwaway PostgreSQL, driven over HTTP, with faults. */
    tests("EndToEndTests", ["ServiceKit", "LinliTestSupport", "Postgres", "Processes", "LinliHTTPClient", asyncHTTPClient, logging]),
]

let package = Package(
    name: "Linli",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "linli", targets: ["Linli"]),
        .executable(name: "linli-bench", targets: ["LinliBench"]),
    ] + services.map(\.product),
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-metrics", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        // Hummingbird's default traits make no-op builds recompile it (measured: about half of all no-op builds recompiled it); none are needed.
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1", traits: []),
        .package(url: "https://github.com/vapor/jwt-kit", from: "5.7.1"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.1"),
        .package(url: "https://github.com/jpsim/Yams", from: "5.0.1"),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
        // Already resolved for jwt-kit; named here for HMAC-SHA256 of the notifications' signed webhooks.
        .package(url: "https://github.com/apple/swift-crypto", from: "4.1.0"),
        // Staff sign-in: bcrypt password hashes and RFC 6238 TOTP (the registry only).
        .package(url: "https://github.com/hummingbird-project/hummingbird-auth", from: "2.5.0"),
        // The concern page's photo uploads (multipart/form-data).
        .package(url: "https://github.com/vapor/multipart-kit", from: "4.7.1"),
    ],
    targets: sharedLibraries + services.flatMap(\.targets) + serviceParts + tools + testTargets
)
