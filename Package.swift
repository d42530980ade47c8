// swift-tools-version:6.1
import PackageDescription

/// Settings every Linli target compiles with: Swift 6 language mode (set by the tools version)
/// plus the upcoming features the Swift server projects we follow enable.
let strictSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
]

let package = Package(
    name: "Linli",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "linli", targets: ["Linli"]),
        .executable(name: "linli-bench", targets: ["LinliBench"]),
        .executable(name: "linli-registry", targets: ["RegistryApp"]),
        .executable(name: "linli-calendar", targets: ["CalendarApp"]),
        .executable(name: "linli-notifications", targets: ["NotificationsApp"]),
        .executable(name: "linli-analytics", targets: ["AnalyticsApp"]),
        .executable(name: "linli-concerns", targets: ["ConcernsApp"]),
    ],
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
    ],
    targets: [
        // MARK: Shared libraries

        /** libpq, the PostgreSQL C client, as a Swift module (Debian: libpq-dev). */
        .systemLibrary(
            name: "CLibPQ",
            path: "Shared/CLibPQ",
            pkgConfig: "libpq",
            providers: [.apt(["libpq-dev"])]
        ),
        /** Swift API over libpq: connections on their own threads, pool, SQL binds, listener, migrations. */
        .target(
            name: "Postgres",
            dependencies: [
                "CLibPQ",
                // Foundation only: for LinliJSON, the one JSON convention of HTTP, events and SQL JSON columns.
                "Models",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            path: "Shared/Postgres",
            swiftSettings: strictSettings
        ),

        /** Domain types and versioned cross-service contracts (job kinds, events); Foundation only. */
        .target(
            name: "Models",
            path: "Shared/Models",
            swiftSettings: strictSettings
        ),
        /** The PostgreSQL job queue and event bus: the only channel between services. */
        .target(
            name: "JobQueue",
            dependencies: [
                "Postgres",
                "Models",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            path: "Shared/JobQueue",
            resources: [.copy("Migrations")],
            swiftSettings: strictSettings
        ),
        /** What every service shares: configuration, HTTP scaffolding, problem+json, auth, health, metrics. */
        .target(
            name: "ServiceKit",
            dependencies: [
                "Postgres",
                "JobQueue",
                "Models",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "JWTKit", package: "jwt-kit"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
            ],
            path: "Shared/ServiceKit",
            swiftSettings: strictSettings
        ),
        /** A client of the services' HTTP APIs on async-http-client: a deadline per request, safe retries, errors naming the request. */
        .target(
            name: "LinliHTTPClient",
            dependencies: [.product(name: "AsyncHTTPClient", package: "async-http-client")],
            path: "Shared/HTTPClient",
            swiftSettings: strictSettings
        ),
        /** Child processes with posix_spawn: test clusters, worker processes, pgbench. */
        .target(
            name: "Processes",
            path: "Shared/Processes",
            swiftSettings: strictSettings
        ),

        // MARK: Registry

        /** The registry: places, people, party organisation, the three heads, organisations, points. */
        .target(
            name: "RegistryService",
            dependencies: [
                "ServiceKit", "Postgres", "JobQueue", "Models",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
            ],
            path: "Services/Registry",
            resources: [.copy("Migrations"), .copy("openapi.yaml")],
            swiftSettings: strictSettings
        ),
        /** `linli-registry`. */
        .executableTarget(
            name: "RegistryApp",
            dependencies: ["RegistryService", "ServiceKit", .product(name: "Logging", package: "swift-log")],
            path: "Services/RegistryApp",
            swiftSettings: strictSettings
        ),

        // MARK: Calendar

        /** Pure calendar logic: RFC 5545 recurrence, overrides, iCalendar feeds, check-in codes (Foundation only). */
        .target(
            name: "CalendarCore",
            path: "Services/CalendarCore",
            swiftSettings: strictSettings
        ),
        /** The calendar: monthly themes, activities and occurrences, venues, registration, check-in, feeds, reminders. */
        .target(
            name: "CalendarService",
            dependencies: [
                "CalendarCore", "ServiceKit", "Postgres", "JobQueue", "Models",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
            ],
            path: "Services/Calendar",
            resources: [.copy("Migrations"), .copy("openapi.yaml")],
            swiftSettings: strictSettings
        ),
        /** `linli-calendar`. */
        .executableTarget(
            name: "CalendarApp",
            dependencies: ["CalendarService", "ServiceKit", .product(name: "Logging", package: "swift-log")],
            path: "Services/CalendarApp",
            swiftSettings: strictSettings
        ),

        // MARK: Notifications

        /** Notifications: recipients, templates, inbox, WeCom group robots, signed webhooks, quiet hours, digests. */
        .target(
            name: "NotificationsService",
            dependencies: [
                "ServiceKit", "Postgres", "JobQueue", "Models",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            path: "Services/Notifications",
            resources: [.copy("Migrations"), .copy("openapi.yaml")],
            swiftSettings: strictSettings
        ),
        /** `linli-notifications`. */
        .executableTarget(
            name: "NotificationsApp",
            dependencies: ["NotificationsService", "ServiceKit", .product(name: "Logging", package: "swift-log")],
            path: "Services/NotificationsApp",
            swiftSettings: strictSettings
        ),

        // MARK: Analytics

        /** Analytics: event-time facts, incremental rollups, one metric glossary, JSON/CSV for Grafana, a built-in dashboard. */
        .target(
            name: "AnalyticsService",
            dependencies: [
                "ServiceKit", "Postgres", "JobQueue", "Models",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
            ],
            path: "Services/Analytics",
            resources: [.copy("Migrations"), .copy("openapi.yaml")],
            swiftSettings: strictSettings
        ),
        /** `linli-analytics`. */
        .executableTarget(
            name: "AnalyticsApp",
            dependencies: ["AnalyticsService", "ServiceKit", .product(name: "Logging", package: "swift-log")],
            path: "Services/AnalyticsApp",
            swiftSettings: strictSettings
        ),
        /** A generated city for the analytics tests and `linli-bench analytics`: events to publish, or a city-scale COPY load. Not shipped. */
        .target(
            name: "AnalyticsCity",
            dependencies: ["AnalyticsService", "Postgres", "Models"],
            path: "Services/AnalyticsCity",
            swiftSettings: strictSettings
        ),

        // MARK: Concerns

        /** Residents' concerns from intake to settlement, and the four-party councils that settle the hard ones. */
        .target(
            name: "ConcernsService",
            dependencies: [
                "ServiceKit", "Postgres", "JobQueue", "Models",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
            ],
            path: "Services/Concerns",
            resources: [.copy("Migrations"), .copy("openapi.yaml")],
            swiftSettings: strictSettings
        ),
        /** `linli-concerns`. */
        .executableTarget(
            name: "ConcernsApp",
            dependencies: ["ConcernsService", "ServiceKit", .product(name: "Logging", package: "swift-log")],
            path: "Services/ConcernsApp",
            swiftSettings: strictSettings
        ),

        // MARK: Executables

        /** `linli`: the operator's command line: migrate, seed, token, queue, analytics. Shipped in every image: no test framework. */
        .executableTarget(
            name: "Linli",
            dependencies: [
                "Postgres",
                "JobQueue",
                "ServiceKit",
                "RegistryService",
                "CalendarService",
                "NotificationsService",
                "AnalyticsService",
                "ConcernsService",
                "LinliHTTPClient",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Logging", package: "swift-log"),
            ],
            path: "Services/Linli",
            swiftSettings: strictSettings
        ),
        /** `linli-bench`: the benchmarks behind docs/benchmarks.md. Links HummingbirdTesting and AnalyticsCity, so it is never shipped. */
        .executableTarget(
            name: "LinliBench",
            dependencies: [
                "Postgres",
                "JobQueue",
                "Models",
                "Processes",
                "ServiceKit",
                "RegistryService",
                "CalendarService",
                "CalendarCore",
                "NotificationsService",
                "AnalyticsService",
                "AnalyticsCity",
                "ConcernsService",
                "LinliHTTPClient",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                // The calendar benchmark sends its requests through the service's router, in process.
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
            ],
            path: "Services/LinliBench",
            swiftSettings: strictSettings
        ),

        // MARK: Test support

        /** Starts a throwaway PostgreSQL cluster for tests and hands out isolated databases. */
        .target(
            name: "LinliTestSupport",
            dependencies: [
                "Postgres",
                "Processes",
                "Models",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            path: "Tests/Support",
            swiftSettings: strictSettings
        ),

        /** Route-test helpers for services: a runtime on a test database, tokens, OpenAPI conformance. */
        .target(
            name: "ServiceTestSupport",
            dependencies: [
                "ServiceKit",
                "LinliTestSupport",
                "Postgres",
                "JobQueue",
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "Yams", package: "Yams"),
                .product(name: "Logging", package: "swift-log"),
            ],
            path: "Tests/ServiceSupport",
            swiftSettings: strictSettings
        ),
        /** A worker process the queue tests start, SIGKILL and restart. */
        .executableTarget(
            name: "QueueFixtureWorker",
            dependencies: [
                "Postgres",
                "JobQueue",
                "LinliTestSupport",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
            ],
            path: "Tests/QueueFixtureWorker",
            swiftSettings: strictSettings
        ),

        // MARK: Tests

        .testTarget(
            name: "PostgresTests",
            dependencies: ["Postgres", "LinliTestSupport"],
            path: "Tests/PostgresTests",
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "JobQueueTests",
            dependencies: ["JobQueue", "Postgres", "Models", "Processes", "LinliTestSupport"],
            path: "Tests/JobQueueTests",
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "CalendarCoreTests",
            dependencies: ["CalendarCore"],
            path: "Tests/CalendarCoreTests",
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "ServiceKitTests",
            dependencies: [
                "ServiceKit", "ServiceTestSupport", "LinliTestSupport", "JobQueue", "Postgres",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
            ],
            path: "Tests/ServiceKitTests",
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "ModelsTests",
            dependencies: ["Models"],
            path: "Tests/ModelsTests",
            exclude: ["Fixtures"],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "RegistryServiceTests",
            dependencies: [
                "RegistryService", "ServiceKit", "ServiceTestSupport", "LinliTestSupport", "Models", "Postgres", "JobQueue",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            path: "Tests/RegistryServiceTests",
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "DeployTests",
            dependencies: [
                "ServiceKit", "RegistryService", "Processes", "LinliTestSupport",
                .product(name: "Yams", package: "Yams"),
            ],
            path: "Tests/DeployTests",
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "CalendarServiceTests",
            dependencies: [
                "CalendarService", "CalendarCore", "ServiceKit", "ServiceTestSupport", "LinliTestSupport", "Models", "Postgres", "JobQueue",
                "Processes",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            path: "Tests/CalendarServiceTests",
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "NotificationsServiceTests",
            dependencies: [
                "NotificationsService", "ServiceKit", "ServiceTestSupport", "LinliTestSupport", "Models", "Postgres", "JobQueue",
                "Processes",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            path: "Tests/NotificationsServiceTests",
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "AnalyticsServiceTests",
            dependencies: [
                "AnalyticsService", "AnalyticsCity", "ServiceKit", "ServiceTestSupport", "LinliTestSupport", "Models", "Postgres", "JobQueue",
                "Processes",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            path: "Tests/AnalyticsServiceTests",
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "ConcernsServiceTests",
            dependencies: [
                "ConcernsService", "ServiceKit", "ServiceTestSupport", "LinliTestSupport", "Models", "Postgres", "JobQueue",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
            ],
            path: "Tests/ConcernsServiceTests",
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "LinliHTTPClientTests",
            dependencies: [
                "LinliHTTPClient", "LinliTestSupport",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
            ],
            path: "Tests/LinliHTTPClientTests",
            swiftSettings: strictSettings
        ),
        /** The whole system: the five real executables on a throwaway PostgreSQL, driven over HTTP, with faults. */
        .testTarget(
            name: "EndToEndTests",
            dependencies: [
                "ServiceKit", "LinliTestSupport", "Postgres", "Processes", "LinliHTTPClient",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Logging", package: "swift-log"),
            ],
            path: "Tests/EndToEndTests",
            swiftSettings: strictSettings
        ),
    ]
)
