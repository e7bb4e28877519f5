import CMallocTuning

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Gives glibc's malloc one arena per usable core when `pipe` may use fewer cores than the
/// machine has, unless `MALLOC_ARENA_MAX` says otherwise.
///
/// glibc gives a thread that finds its arena locked a new arena, up to eight per core, and an
/// arena keeps the memory freed into it. Pipe starts a worker thread per online core; confined to
/// fewer (`taskset -c 0`), its threads are preempted while allocating and a second arena
/// sometimes appears part way through a run, holding a second copy of the working set: a 1 GB
/// run on one core peaked at 114–119 MB in about half the runs where 88 MB suffice. With one
/// arena per usable core it peaked at 90–91 MB in every run. With all cores usable the default
/// is kept: capping arenas there made the workers wait on malloc's locks (Docs/Performance.md).
enum MallocTuning {
    static func apply() {
        guard getenv("MALLOC_ARENA_MAX") == nil else { return }
        let usable = Int(pipe_usable_processors())
        guard usable < Int(sysconf(Int32(_SC_NPROCESSORS_ONLN))) else { return }
        _ = pipe_limit_malloc_arenas(Int32(usable))
    }
}
