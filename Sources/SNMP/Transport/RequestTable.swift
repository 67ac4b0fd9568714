import NIOCore

/// The requests one UDP socket has outstanding, keyed by the id that pairs a response with
/// its request (request-id for v1/v2c, msgID for v3).
///
/// Lives on the socket's event loop: every mutation happens there, so there is no lock.
/// It paces each agent (at most `limitPerAgent` requests in flight, the rest queued in order),
/// resends on timeout, and finishes every request exactly once: with the response bytes,
/// a timeout, a send error or a cancellation.
final class RequestTable {
    typealias Completion = CheckedContinuation<[UInt8], any Error>

    private struct Pending {
        var datagram: ByteBuffer
        var address: SocketAddress
        var agent: String
        var attemptsLeft: Int
        var attempts: Int
        var timeout: TimeAmount
        var completion: Completion
        var timer: Scheduled<Void>?
        var started: Bool { timer != nil }
    }

    private var pending: [Int32: Pending] = [:]
    private var inFlight: [SocketAddress: Int] = [:]
    private var queued: [SocketAddress: CircularBuffer<Int32>] = [:]
    /// Requests held back by the socket-wide limit, in arrival order.
    private var waitingForSocket = CircularBuffer<Int32>()
    private var totalInFlight = 0
    private let limitTotal: Int
    /// Ids whose cancellation arrived before their registration.
    private var cancelledEarly: Set<Int32> = []
    private let limitPerAgent: Int
    private var context: ChannelHandlerContext?
    private var closed = false

    private(set) var unmatchedResponses = 0
    private(set) var responsesFromWrongAddress = 0

    /// - Parameters:
    ///   - limitPerAgent: requests one agent may have outstanding.
    ///   - limitTotal: requests the socket may have outstanding: more answers than the receive
    ///     buffer holds at once would be dropped by the kernel and cost a retry each.
    init(limitPerAgent: Int, limitTotal: Int = 1_024) {
        self.limitPerAgent = max(1, limitPerAgent)
        self.limitTotal = max(1, limitTotal)
    }

    func attach(_ context: ChannelHandlerContext) { self.context = context }

    var outstanding: Int { pending.count }

    // MARK: - Events from the async side

    func register(id: Int32, datagram: ByteBuffer, address: SocketAddress, agent: String,
                  policy: RetryPolicy, completion: Completion) {
        if cancelledEarly.remove(id) != nil {
            completion.resume(throwing: CancellationError())
            return
        }
        guard !closed, context != nil else {
            completion.resume(throwing: SNMPClientError(.shutDown, agent: agent, "the SNMP client is shut down"))
            return
        }
        guard pending[id] == nil else {
            // 2^31 ids are in use at once only if something is badly wrong; never pair wrongly.
            completion.resume(throwing: SNMPClientError(.sendFailed, agent: agent, "request id \(id) is still in use"))
            return
        }
        pending[id] = Pending(datagram: datagram, address: address, agent: agent,
                              attemptsLeft: policy.retries, attempts: policy.attempts,
                              timeout: TimeAmount(policy.timeout), completion: completion, timer: nil)
        if inFlight[address, default: 0] >= limitPerAgent {
            queued[address, default: CircularBuffer()].append(id)
        } else if totalInFlight >= limitTotal {
            waitingForSocket.append(id)
        } else {
            start(id)
        }
    }

    func cancel(id: Int32) {
        guard let entry = pending.removeValue(forKey: id) else {
            cancelledEarly.insert(id)
            return
        }
        if entry.started {
            entry.timer?.cancel()
            release(entry.address)
        }
        entry.completion.resume(throwing: CancellationError())
    }

    /// Sends a datagram that expects no answer (a trap, a response from the responder side).
    func sendUnsolicited(_ datagram: ByteBuffer, to address: SocketAddress) {
        context?.writeAndFlush(NIOAny(AddressedEnvelope(remoteAddress: address, data: datagram)), promise: nil)
    }

    // MARK: - Events from the socket

    func received(_ bytes: [UInt8], from address: SocketAddress) {
        guard let (_, id) = SNMPMessage.peekCorrelation(bytes), let entry = pending[id] else {
            unmatchedResponses += 1
            return
        }
        guard entry.address == address else {
            // A datagram from somewhere else that happens to carry a live id: ignore it, keep waiting.
            responsesFromWrongAddress += 1
            return
        }
        pending[id] = nil
        entry.timer?.cancel()
        release(entry.address)
        entry.completion.resume(returning: bytes)
    }

    func close() {
        closed = true
        let all = pending
        pending.removeAll()
        queued.removeAll()
        waitingForSocket.removeAll()
        inFlight.removeAll()
        totalInFlight = 0
        for (_, entry) in all {
            entry.timer?.cancel()
            entry.completion.resume(throwing: SNMPClientError(.shutDown, agent: entry.agent, "the SNMP client is shut down"))
        }
    }

    // MARK: - Internals

    private func start(_ id: Int32) {
        guard let context else { return }
        inFlight[pending[id]!.address, default: 0] += 1
        totalInFlight += 1
        transmit(id, context: context)
    }

    private func transmit(_ id: Int32, context: ChannelHandlerContext) {
        guard var entry = pending[id] else { return }
        let promise = context.eventLoop.makePromise(of: Void.self)
        context.writeAndFlush(NIOAny(AddressedEnvelope(remoteAddress: entry.address, data: entry.datagram)), promise: promise)
        promise.futureResult.assumeIsolated().whenFailure { [weak self] error in
            self?.fail(id, SNMPClientError(.sendFailed, agent: entry.agent, "cannot send: \(error)"))
        }
        entry.timer = context.eventLoop.assumeIsolated().scheduleTask(in: entry.timeout) { [weak self] in
            self?.timedOut(id)
        }
        pending[id] = entry
    }

    private func timedOut(_ id: Int32) {
        guard var entry = pending[id], let context else { return }
        if entry.attemptsLeft > 0 {
            entry.attemptsLeft -= 1
            pending[id] = entry
            transmit(id, context: context)
            return
        }
        let seconds = Double(entry.timeout.nanoseconds) / 1e9
        fail(id, SNMPClientError(.timeout, agent: entry.agent,
                                 "timeout: no response after \(entry.attempts) \(entry.attempts == 1 ? "try" : "tries") of \(seconds) s"))
    }

    private func fail(_ id: Int32, _ error: SNMPClientError) {
        guard let entry = pending.removeValue(forKey: id) else { return }
        entry.timer?.cancel()
        release(entry.address)
        entry.completion.resume(throwing: error)
    }

    private func release(_ address: SocketAddress) {
        let count = inFlight[address, default: 1] - 1
        inFlight[address] = count > 0 ? count : nil
        totalInFlight -= 1
        // This agent's next request takes the freed slot first; it queued before anything
        // the socket-wide limit held back for it.
        while var waiting = queued[address], let next = waiting.popFirst() {
            queued[address] = waiting.isEmpty ? nil : waiting
            if pending[next] != nil {
                if totalInFlight < limitTotal { start(next) } else { waitingForSocket.append(next) }
                break
            }
        }
        while totalInFlight < limitTotal, let next = waitingForSocket.popFirst() {
            guard let entry = pending[next], !entry.started else { continue }
            if inFlight[entry.address, default: 0] < limitPerAgent {
                start(next)
            } else {
                queued[entry.address, default: CircularBuffer()].append(next)
            }
        }
    }
}

extension TimeAmount {
    init(_ duration: Duration) {
        let (seconds, attoseconds) = duration.components
        self = .nanoseconds(seconds * 1_000_000_000 + attoseconds / 1_000_000_000)
    }
}
