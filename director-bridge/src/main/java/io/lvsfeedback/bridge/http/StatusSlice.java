package io.lvsfeedback.bridge.http;

import io.lvsfeedback.bridge.engine.DestinationState;
import io.lvsfeedback.bridge.engine.ServiceState;
import io.lvsfeedback.model.protocol.AdminState;
import io.lvsfeedback.model.protocol.FeedbackReport;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * One page of the status: the destinations {@code first .. first + limit} of the selected services
 * in kernel order, grouped by service, each group with its whole service's summary. The page and
 * {@code /status.json} show the same slice, so a script sees what a person sees.
 */
record StatusSlice(List<Group> groups, int total, int page, int pages, int first, StatusQuery query, boolean serviceFound) {

    /** Figures of a whole service (not only the rows on this page). */
    record Summary(int destinations, int serving, int notReady, long totalWeight) {
        static Summary of(Collection<DestinationState> ds) {
            int serving = 0;
            int notReady = 0;
            long total = 0;
            for (DestinationState d : ds) {
                int w = d.kernelWeight();
                serving += w > 0 ? 1 : 0;
                total += w;
                FeedbackReport r = d.report();
                notReady += r != null && r.state() != AdminState.READY ? 1 : 0;
            }
            return new Summary(ds.size(), serving, notReady, total);
        }
    }

    /** The rows of one service on this page; {@code continued} when the service began on an earlier page. */
    record Group(ServiceState service, Summary summary, List<DestinationState> rows, boolean continued) {}

    static StatusSlice of(Collection<ServiceState> services, StatusQuery q) {
        List<ServiceState> selected = new ArrayList<>();
        for (ServiceState s : services) {
            if (q.service() == null || q.service().equals(s.key().toString())) {
                selected.add(s);
            }
        }
        List<Collection<DestinationState>> members = new ArrayList<>(selected.size());
        int total = 0;
        for (ServiceState s : selected) {
            Collection<DestinationState> ds = s.destinations();
            members.add(ds);
            total += ds.size();
        }
        int pages = Math.max(1, (total + q.limit() - 1) / q.limit());
        int page = Math.min(q.page(), pages);
        int first = (page - 1) * q.limit();
        int end = Math.min(total, first + q.limit());
        List<Group> groups = new ArrayList<>();
        int index = 0;
        for (int i = 0; i < selected.size() && index <= end; i++) {
            Collection<DestinationState> ds = members.get(i);
            int from = Math.max(first, index) - index;
            int to = Math.min(end, index + ds.size()) - index;
            // a service without destinations shows where it falls: on the page of the row after it, or the last page
            boolean emptyHere = ds.isEmpty() && index >= first && (index < end || page == pages);
            if (from < to || emptyHere) {
                List<DestinationState> rows = from < to ? List.copyOf(ds).subList(from, to) : List.of();
                groups.add(new Group(selected.get(i), Summary.of(ds), rows, from > 0));
            }
            index += ds.size();
        }
        return new StatusSlice(groups, total, page, pages, first, q, q.service() == null || !selected.isEmpty());
    }

    /** The 1-based number of the last row on this page. */
    int last() {
        return Math.min(total, first + query.limit());
    }
}
