// limit_ring [MESSAGES]: a single-producer single-consumer ring of 16384 64-byte slots in shared
// memory; a child writes MESSAGES messages, the parent reads and checks them; prints
// msgs_per_s=<x>. A side that finds the ring empty (full) spins a little, then sleeps on a futex
// until the other side moves. The machine's floor for queue.64b: no encoding, no lock, no copy
// beyond the 64 bytes.

#include "limitsupport.h"

#include <cstring>
#include <new>
#include <sys/wait.h>

namespace {

constexpr uint32_t kSlots = 16384;
constexpr int kSpins = 2000;

struct alignas(64) Counter
{
    std::atomic<uint32_t> value{0};   // messages written (head) or read (tail), wrapping
    std::atomic<uint32_t> sleeping{0}; // the other side sleeps on value (its ticket; 0: none)
};

struct Ring
{
    Counter head; // the producer's
    Counter tail; // the consumer's
    alignas(64) unsigned char slots[kSlots][64];
};

// Waits until counter->value != seen, then returns it.
uint32_t waitForMove(Counter *counter, uint32_t seen)
{
    for (int i = 0; i < kSpins; ++i) {
        const uint32_t now = counter->value.load(std::memory_order_acquire);
        if (now != seen)
            return now;
        limits::cpuRelax();
    }
    // The sleeper registers with a fresh ticket each time, and a waker clears only the ticket
    // it read: clearing blindly (after reading the flag set) could erase the sleeper's next
    // registration and leave it asleep for good (both sides hung so, once in a few runs).
    static uint32_t lastTicket = 0;
    for (;;) {
        if (++lastTicket == 0)
            lastTicket = 1;
        counter->sleeping.store(lastTicket, std::memory_order_seq_cst);
        const uint32_t now = counter->value.load(std::memory_order_seq_cst);
        if (now != seen) {
            counter->sleeping.store(0, std::memory_order_relaxed);
            return now;
        }
        limits::futexWait(&counter->value, seen);
    }
}

// Clears the ticket read, not a newer one: a sleeper that registered again since did so after the
// store of value, so it reads the new value and does not sleep on the old one.
void publish(Counter *counter, uint32_t value)
{
    counter->value.store(value, std::memory_order_seq_cst);
    uint32_t ticket = counter->sleeping.load(std::memory_order_seq_cst);
    if (ticket != 0 && counter->sleeping.compare_exchange_strong(ticket, 0, std::memory_order_seq_cst))
        limits::futexWakeAll(&counter->value);
}

} // namespace

int main(int argc, char **argv)
{
    const auto messages = uint32_t(limits::argumentOr(argc, argv, 1, 5000000));
    auto *ring = new (limits::sharedMemory(sizeof(Ring))) Ring;

    const pid_t child = ::fork();
    if (child < 0) {
        std::perror("fork");
        return 1;
    }
    if (child == 0) {
        uint32_t tail = 0;
        for (uint32_t i = 0; i < messages; ++i) {
            while (i - tail == kSlots)
                tail = waitForMove(&ring->tail, tail);
            unsigned char message[64];
            std::memset(message, int(i & 0xff), sizeof message);
            std::memcpy(message, &i, sizeof i);
            std::memcpy(ring->slots[i % kSlots], message, sizeof message);
            publish(&ring->head, i + 1);
        }
        ::_exit(0);
    }
    const double start = limits::nowSeconds();
    uint32_t head = 0;
    uint64_t checksum = 0;
    for (uint32_t i = 0; i < messages; ++i) {
        while (head == i)
            head = waitForMove(&ring->head, head);
        unsigned char message[64];
        std::memcpy(message, ring->slots[i % kSlots], sizeof message);
        uint32_t seq = 0;
        std::memcpy(&seq, message, sizeof seq);
        if (seq != i) {
            std::fprintf(stderr, "limit_ring: message %u read as %u\n", i, seq);
            return 1;
        }
        checksum += message[63];
        publish(&ring->tail, i + 1);
    }
    const double seconds = limits::nowSeconds() - start;
    int status = 0;
    ::waitpid(child, &status, 0);
    std::printf("msgs_per_s=%.0f checksum=%llu\n", double(messages) / seconds, static_cast<unsigned long long>(checksum));
    return 0;
}
