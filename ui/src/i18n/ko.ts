/**
 * Korean messages: the default language and the source of truth for the keys.
 *
 * Keys are flat and dotted. `{name}` is a placeholder filled in by `t()`.
 * Every key here must exist in every other catalog with the same placeholders;
 * `tsc` and the unit tests both check it.
 */
export const ko = {
  'app.name': '도장',
  'app.subtitle': '공동인증서 관리',
  'app.documentTitle': '도장 — 공동인증서 관리',

  'language.label': '화면 언어',

  'action.refresh': '새로 고침',
  'action.refreshing': '찾는 중…',
  'action.retry': '다시 시도',

  'load.inProgress': '이 컴퓨터에서 인증서를 찾고 있습니다…',
  'load.failedHeading': '인증서 목록을 불러오지 못했습니다',
  'load.failedHint': '잠시 후 다시 시도해 보세요. 같은 문제가 계속되면 프로그램을 다시 시작해 보세요.',

  'list.heading': '내 인증서',
  'list.count': '{count}개',
  'list.noneReadable': '읽을 수 있는 인증서가 없습니다.',

  'certificate.purpose': '용도',
  'certificate.ca': '발급 기관',
  'certificate.expiry': '만료일',
  'certificate.key': '키 종류',
  'certificate.location': '저장 위치',

  'validity.valid': '사용 가능',
  'validity.expiring-soon': '곧 만료',
  'validity.expired': '만료됨 ({days}일 지남)',
  'validity.expiredToday': '만료됨 (오늘)',
  'validity.expiredOneDay': '만료됨 (1일 지남)',
  'validity.not-yet-valid': '아직 사용 전',
  'validity.daysLeft': '{days}일 남음',
  'validity.oneDayLeft': '1일 남음',
  'validity.lastDay': '오늘 만료',
  'validity.usableFrom': '{date}부터 사용 가능',

  'purpose.personal-general': '개인 범용',
  'purpose.corporate-general': '법인 범용',
  'purpose.personal-banking': '개인 용도제한 (은행·보험)',
  'purpose.personal-securities': '개인 용도제한 (증권)',
  'purpose.personal-card': '개인 용도제한 (카드)',
  'purpose.personal-restricted': '개인 용도제한',
  'purpose.corporate-restricted': '법인 용도제한',
  'purpose.corporate-banking': '법인 은행·보험',
  'purpose.tax-invoice': '전자세금계산서',
  'purpose.unknown': '용도 미확인',

  'place.keychain': '이 컴퓨터의 키체인',
  'place.disk': '이 컴퓨터',
  'place.removable': '이동식 디스크',
  'place.extra': '지정한 폴더',
  'place.unknown': '알 수 없는 위치',

  'unreadable.heading': '확인이 필요한 폴더',
  'unreadable.title': '이 폴더의 인증서를 읽지 못했습니다',
  'unreadable.hint': '다른 인증서는 그대로 사용할 수 있습니다.',

  'error.where': '위치',
  'error.detail': '기술 정보',
  'error.certificate-file-unreadable':
    '인증서 파일을 열 수 없습니다. 다른 프로그램이 사용 중이거나 읽기 권한이 없을 수 있습니다.',
  'error.certificate-truncated': '인증서 파일이 잘려 있습니다. 복사가 끝까지 되지 않았을 수 있습니다.',
  'error.not-a-certificate': '이 파일은 인증서가 아니거나 손상되었습니다.',
  'error.npki-certificate-missing': '이 폴더에 인증서 파일(signCert.der)이 없습니다.',
  'error.npki-root-not-found': '인증서 폴더(NPKI)를 찾을 수 없습니다.',
  'error.folder-unreadable': '폴더를 열 수 없습니다. 이 폴더를 읽을 권한이 없을 수 있습니다.',
  'error.internal': '프로그램 안에서 예상하지 못한 문제가 생겼습니다.',
  'error.unknown': '알 수 없는 문제가 생겼습니다. (오류 코드: {code})',

  'empty.heading': '아직 이 컴퓨터에 인증서가 없습니다',
  'empty.whatIs':
    '공동인증서는 인터넷뱅킹이나 정부 민원 서비스에서 본인임을 확인할 때 쓰는 전자 신분증입니다.',
  'empty.howToGetHeading': '처음 받으시나요?',
  'empty.howToGet':
    '공동인증서는 인증기관이 발급하며, 보통 거래하는 은행을 통해 신청합니다. 신청하면 등록번호나 발급 안내 이메일을 받게 되고, 그것으로 인증서를 발급받습니다.',
  'empty.copyHeading': '다른 컴퓨터나 USB 메모리에 인증서가 있나요?',
  'empty.copy':
    '그곳의 NPKI 폴더를 이 컴퓨터로 복사하면 이 목록에 나타납니다. USB 메모리에 있다면 꽂아 두기만 해도 됩니다. 복사하거나 꽂은 뒤에는 위의 ‘새로 고침’ 버튼을 눌러 주세요.',
  'empty.searchedHeading': '찾아본 폴더',
  'empty.searchedNone': '찾아볼 인증서 폴더(NPKI)가 아직 이 컴퓨터에 없습니다.',
} as const;
