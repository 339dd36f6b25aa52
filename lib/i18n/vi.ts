/**
 * Vietnamese catalog: the default language and the reference set of keys (en.ts must have exactly
 * these). Wording is neutral and factual: a sentence states what the registry recorded and never
 * more, because every negative fact may be read by the seller it names.
 *
 * Keys ending in `.one` / `.other` are plural forms chosen by `tp()`; Vietnamese has no plural, so
 * both carry the same text here.
 */
export const vi = {
  'app.name': 'An Tâm',

  'common.loading': 'Đang tải…',
  'common.retry': 'Thử lại',
  'common.notAvailable': 'Chưa có thông tin',
  'common.unknown': 'Không rõ',
  'common.opensInNewTab': '(mở trong thẻ mới)',

  'unit.day.one': '{count} ngày',
  'unit.day.other': '{count} ngày',
  'unit.time.one': '{count} lần',
  'unit.time.other': '{count} lần',

  'level.heading': 'Mức tín nhiệm',
  'level.aria': 'Mức tín nhiệm: {level}',

  'panel.title': 'Thông tin người bán',
  'panel.close': 'Đóng',
  'panel.closeLabel': 'Đóng bảng thông tin người bán',
  'panel.noKey': 'Không xác định được người bán cần hiển thị.',

  'trust.sellerFallback': 'Người bán {id}',
  'trust.onPlatform': 'trên {platform}',
  'trust.officialStore': 'Gian hàng chính hãng',
  'trust.demo': 'Dữ liệu mẫu: hồ sơ này chỉ dùng để minh họa, không mô tả người bán có thật.',
  'trust.reasons.heading': 'Căn cứ xếp mức',
  'trust.reasons.empty': 'Không có căn cứ nào được ghi nhận.',
  'trust.effect.positive': 'Điểm tích cực',
  'trust.effect.negative': 'Điểm cần lưu ý',
  'trust.effect.neutral': 'Thông tin',

  'trust.registration.heading': 'Đăng ký với Bộ Công Thương',
  'trust.registration.status': 'Tình trạng',
  'trust.registration.businessName': 'Tên doanh nghiệp',
  'trust.registration.taxCode': 'Mã số thuế',
  'trust.registration.since': 'Từ ngày',
  'trust.registration.source': 'Nguồn',
  'registration.registered': 'Đã đăng ký',
  'registration.notified': 'Đã thông báo',
  'registration.unregistered': 'Chưa đăng ký',
  'registration.revoked': 'Đăng ký đã bị hủy',
  'registration.unknown': 'Chưa rõ',

  'trust.complaints.heading': 'Khiếu nại',
  'trust.complaints.caption': 'Thống kê khiếu nại trong 12 tháng qua và từ trước đến nay',
  'trust.complaints.measure': 'Chỉ số',
  'trust.complaints.last12Months': '12 tháng qua',
  'trust.complaints.allTime': 'Từ trước đến nay',
  'trust.complaints.total': 'Tổng số khiếu nại',
  'trust.complaints.open': 'Đang xử lý',
  'trust.complaints.resolvedForShopper': 'Giải quyết có lợi cho người mua',
  'trust.complaints.rejected': 'Không được chấp nhận',
  'trust.complaints.unanswered': 'Quá hạn trả lời',
  'trust.complaints.onTimeShare': 'Tỷ lệ trả lời đúng hạn',
  'trust.complaints.medianDays': 'Thời gian giải quyết (trung vị)',

  'trust.counterfeit.heading': 'Hàng giả',
  'trust.counterfeit.reports': 'Báo cáo đã nhận (chưa xác minh)',
  'trust.counterfeit.reportsNote': 'Báo cáo chưa được xác minh không ảnh hưởng đến mức tín nhiệm.',
  'trust.counterfeit.confirmed': 'Được kiểm duyệt viên xác nhận là hàng giả',
  'trust.counterfeit.lastConfirmed': 'Lần xác nhận gần nhất',

  'trust.sanctions.heading': 'Xử phạt của cơ quan chức năng',
  'trust.sanctions.none': 'Không có quyết định xử phạt nào được ghi nhận.',
  'trust.sanctions.authority': 'Cơ quan',
  'trust.sanctions.decision': 'Quyết định',
  'trust.sanctions.date': 'Ngày',
  'trust.sanctions.summary': 'Nội dung',
  'trust.sanctions.link': 'Xem văn bản',
  'trust.sanctions.linkLabel': 'Xem văn bản quyết định {decision} (mở trong thẻ mới)',

  'trust.updated': 'Dữ liệu cập nhật: {date}',
  'trust.publicRecord': 'Xem hồ sơ công khai trên cơ sở dữ liệu',
  'trust.publicRecordNote': 'Mở trong thẻ mới. Khi mở, máy chủ sẽ biết bạn đang xem người bán này.',

  'trust.absent.title': 'Chưa có hồ sơ',
  'trust.absent.body': 'An Tâm chưa có hồ sơ nào về người bán này.',
  'trust.absent.note':
    'Điều này không nói lên điều gì tốt hay xấu về người bán: chỉ là chưa có dữ kiện nào được ghi nhận.',
  'trust.unavailable.title': 'Chưa tải được thông tin',
  'trust.unavailable.body': 'Chưa kết nối được cơ sở dữ liệu tín nhiệm. Vui lòng thử lại sau ít phút.',

  'reason.registered': 'Đã đăng ký với Bộ Công Thương',
  'reason.registeredSince': 'Đã đăng ký với Bộ Công Thương từ {date}',
  'reason.notified': 'Đã thông báo với Bộ Công Thương',
  'reason.notifiedSince': 'Đã thông báo với Bộ Công Thương từ {date}',
  'reason.official_store': 'Sàn xác nhận đây là gian hàng chính hãng',
  'reason.unregistered': 'Chưa có thông tin đăng ký với Bộ Công Thương',
  'reason.registration_revoked': 'Đăng ký với Bộ Công Thương đã bị hủy',
  'reason.registration_revokedSince': 'Đăng ký với Bộ Công Thương (từ {date}) đã bị hủy',
  'reason.complaints_answered_on_time.one': 'Trả lời đúng hạn {share} trong {total} khiếu nại (12 tháng qua)',
  'reason.complaints_answered_on_time.other':
    'Trả lời đúng hạn {share} trong {total} khiếu nại (12 tháng qua)',
  'reason.complaints_late.one': 'Quá hạn trả lời {late}/{total} khiếu nại ({share}) trong 12 tháng qua',
  'reason.complaints_late.other': 'Quá hạn trả lời {late}/{total} khiếu nại ({share}) trong 12 tháng qua',
  'reason.complaints_upheld.one':
    '{upheld} khiếu nại được giải quyết có lợi cho người mua sau khi chuyển hòa giải viên (12 tháng qua)',
  'reason.complaints_upheld.other':
    '{upheld} khiếu nại được giải quyết có lợi cho người mua sau khi chuyển hòa giải viên (12 tháng qua)',
  'reason.counterfeit_confirmed': 'Hàng giả được kiểm duyệt viên xác nhận: {confirmed} lần',
  'reason.counterfeit_confirmed.last12Months': '{count} lần trong 12 tháng qua',
  'reason.counterfeit_confirmed.allLast12Months': 'đều trong 12 tháng qua',
  'reason.counterfeit_confirmed.latest': 'gần nhất {date}',
  'reason.sanction_recent.single': 'Bị xử phạt: {detail}',
  'reason.sanction_recent.multiple': 'Bị xử phạt {count} trong 24 tháng qua, gần nhất: {detail}',
  'reason.sanction_past.single': 'Từng bị xử phạt (hơn 24 tháng trước)',
  'reason.sanction_past.singleDated': 'Từng bị xử phạt ngày {date} (hơn 24 tháng trước)',
  'reason.sanction_past.multiple': 'Từng bị xử phạt {count} (hơn 24 tháng trước)',
  'reason.sanction_past.multipleDated': 'Từng bị xử phạt {count}, gần nhất ngày {date} (hơn 24 tháng trước)',
  'reason.no_facts': 'Chưa có dữ kiện nào được ghi nhận về người bán này',

  'snooze.label': 'Tạm ẩn huy hiệu của người bán này cho đến khi hồ sơ thay đổi',
  'snooze.on': 'Đã tạm ẩn. Huy hiệu sẽ hiện lại khi hồ sơ của người bán thay đổi.',
  'snooze.error': 'Không lưu được lựa chọn. Vui lòng thử lại.',

  'popup.notMarketplace': 'Đây không phải trang của sàn thương mại điện tử được hỗ trợ',
  'popup.supported': 'An Tâm hoạt động trên Shopee, Lazada, Tiki, TikTok Shop và Sendo.',
  'popup.listing': 'Trang danh sách: huy hiệu hiển thị trên từng sản phẩm',
  'popup.listingOff': 'Huy hiệu trên trang danh sách đang tắt. Bạn có thể bật lại trong phần Cài đặt.',
  'popup.noSeller': 'Trang này của {platform} không gắn với một người bán cụ thể.',
  'popup.topReasons': 'Căn cứ chính',
  'popup.openDetails': 'Xem đầy đủ chi tiết',
  'popup.settings': 'Cài đặt',

  'options.title': 'Cài đặt An Tâm',
  'options.registry.heading': 'Cơ sở dữ liệu tín nhiệm',
  'options.registry.label': 'Địa chỉ máy chủ',
  'options.registry.help': 'Để trống để dùng địa chỉ mặc định: {url}',
  'options.registry.save': 'Lưu địa chỉ',
  'options.registry.reset': 'Khôi phục mặc định',
  'options.registry.saved': 'Đã lưu địa chỉ máy chủ.',
  'options.registry.resetDone': 'Đã khôi phục địa chỉ mặc định.',
  'options.registry.invalid': 'Địa chỉ không hợp lệ. Hãy nhập đầy đủ, ví dụ: https://antam.example.vn',
  'options.registry.httpsRequired':
    'Cần dùng https://. Chỉ máy chủ trên chính máy này (localhost, 127.0.0.1) mới được dùng http://.',
  'options.registry.notPlain': 'Địa chỉ không được chứa tên đăng nhập, mật khẩu, tham số (?) hay dấu #.',
  'options.registry.permissionDenied': 'Bạn chưa cấp quyền truy cập máy chủ này nên địa chỉ chưa được lưu.',
  'options.language.heading': 'Ngôn ngữ',
  'options.language.label': 'Ngôn ngữ hiển thị',
  'options.listing.heading': 'Trang danh sách',
  'options.listing.label': 'Hiển thị huy hiệu trên từng sản phẩm ở trang tìm kiếm và danh mục',
  'options.snoozed.heading': 'Người bán đang tạm ẩn',
  'options.snoozed.empty': 'Bạn chưa tạm ẩn người bán nào.',
  'options.snoozed.since': 'Tạm ẩn theo hồ sơ ngày {date}',
  'options.snoozed.unsnooze': 'Hiện lại',
  'options.snoozed.unsnoozeLabel': 'Hiện lại huy hiệu của người bán {seller}',
  'options.saved': 'Đã lưu.',
  'options.saveError': 'Không lưu được cài đặt. Vui lòng thử lại.',
} satisfies Record<string, string>;

export type MessageKey = keyof typeof vi;
