import Foundation
import Logging
import QuireContent
import QuireGit

extension Site {
    /// Packs the repository in the background when loose objects pile up (see `PackingPolicy`).
    ///
    /// Packing runs on a thread of its own with its own libgit2 handle: it blocks for as long
    /// as deflating and delta-searching take (seconds for big trees), and on the cooperative
    /// pool that would stall request handling.
    public nonisolated func startUpkeep(
        policy: PackingPolicy = PackingPolicy(), every interval: Duration = .seconds(10)
    ) -> Task<Void, Never> {
        let packer = ObjectPacker(gitDirectory: store.repository.gitDirectory)
        let logger = self.logger
        return Task {
            while !Task.isCancelled {
                try? await Task.sleep(for: interval)
                let started = ContinuousClock.now
                let outcome: Result<[ObjectPacker.Report], any Error> = await Self.onOwnThread {
                    Result { try packer.runIfNeeded(policy) }
                }
                switch outcome {
                case .success(let reports):
                    for report in reports where report.packedObjects > 0 {
                        logger.info("""
                            packed \(report.packedObjects) objects in \(ContinuousClock.now - started): \
                            removed \(report.removedLooseObjects) loose objects, \(report.removedPacks) old packs
                            """)
                    }
                case .failure(let error):
                    logger.error("packing failed: \(error)")
                }
            }
        }
    }

    static func onOwnThread<T: Sendable>(_ body: @escaping @Sendable () -> T) async -> T {
        await withCheckedContinuation { continuation in
            let thread = Thread { continuation.resume(returning: body()) }
            thread.name = "quire-upkeep"
            thread.start()
        }
    }
}
